import { randomUUID } from 'node:crypto';
import { EvaluationModelSchema, type EvaluationModelInput } from '@aireview/shared';
import { EvaluationModelVersion, Position } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { conflict } from '../platform/http/errors.js';

export interface CreatePositionInput {
  code: string;
  name: string;
  departmentId: number;
  supervisorUserIds: string[];
  model: EvaluationModelInput;
  actorId?: string | null;
}

/** Create a position with version 1 of its evaluation model. */
export async function createPosition(deps: Pick<Deps, 'ds' | 'clock'>, input: CreatePositionInput): Promise<Position> {
  const model = EvaluationModelSchema.parse(input.model);
  const now = deps.clock.now();
  return inTransaction(deps.ds, async (em) => {
    if (await em.existsBy(Position, { code: input.code })) throw conflict('position_exists', `岗位编码 ${input.code} 已存在`);
    const position: Position = {
      id: randomUUID(),
      code: input.code,
      name: input.name,
      departmentId: input.departmentId,
      supervisorUserIds: input.supervisorUserIds,
      currentModelVersion: 1,
      calibrationMinimumN: null,
      alertSettings: null,
      trainingRulesVersion: 0,
      createdAt: now,
      updatedAt: now,
    };
    await em.insert(Position, position);
    await em.insert(EvaluationModelVersion, { id: randomUUID(), positionId: position.id, version: 1, model, note: '初始版本', createdBy: input.actorId ?? null, createdAt: now });
    return position;
  });
}
