import { randomUUID } from 'node:crypto';
import { EvaluationModelSchema, type EvaluationModelInput } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { EvaluationModelVersion, Position } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, notFound } from '../errors.js';
import { writeAudit } from './audit.js';

export interface PositionDeps {
  ds: DataSource;
  now?: () => Date;
}

export interface CreatePositionInput {
  code: string;
  name: string;
  departmentId: number;
  supervisorUserIds: string[];
  model: EvaluationModelInput;
  actorId?: string | null;
}

/** Create a position with version 1 of its evaluation model. */
export async function createPosition(deps: PositionDeps, input: CreatePositionInput): Promise<Position> {
  const model = EvaluationModelSchema.parse(input.model);
  const now = deps.now?.() ?? new Date();
  return inTransaction(deps.ds, async (em) => {
    if (await em.existsBy(Position, { code: input.code })) throw conflict('position_exists', `岗位编码 ${input.code} 已存在`);
    const position: Position = {
      id: randomUUID(),
      code: input.code,
      name: input.name,
      departmentId: input.departmentId,
      supervisorUserIds: input.supervisorUserIds,
      currentModelVersion: 1,
      createdAt: now,
      updatedAt: now,
    };
    await em.insert(Position, position);
    await em.insert(EvaluationModelVersion, { id: randomUUID(), positionId: position.id, version: 1, model, note: '初始版本', createdBy: input.actorId ?? null, createdAt: now });
    return position;
  });
}

/**
 * Publish a new version of a position's evaluation model. Existing scores keep the version that
 * produced them until `rescoreApplications` is run.
 */
export async function publishEvaluationModel(
  deps: PositionDeps,
  input: { positionId: string; model: EvaluationModelInput; note?: string; actorId?: string | null },
): Promise<EvaluationModelVersion> {
  const model = EvaluationModelSchema.parse(input.model);
  const now = deps.now?.() ?? new Date();
  return inTransaction(deps.ds, async (em) => {
    const position = await em.findOneBy(Position, { id: input.positionId });
    if (!position) throw notFound('not_found', '岗位不存在');
    const version = position.currentModelVersion + 1;
    const updated = await em.update(Position, { id: position.id, currentModelVersion: position.currentModelVersion }, { currentModelVersion: version, updatedAt: now });
    if (!updated.affected) throw conflict('concurrent_update', '岗位画像已被其他人修改，请刷新后重试');
    const row: EvaluationModelVersion = { id: randomUUID(), positionId: position.id, version, model, note: input.note ?? null, createdBy: input.actorId ?? null, createdAt: now };
    await em.insert(EvaluationModelVersion, row);
    await writeAudit(em, {
      actorType: input.actorId ? 'user' : 'system',
      actorId: input.actorId ?? null,
      action: 'persona.published',
      subjectType: 'position',
      subjectId: position.id,
      details: { version },
    }, now);
    return row;
  });
}
