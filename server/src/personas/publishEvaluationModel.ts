import { randomUUID } from 'node:crypto';
import { EvaluationModelSchema, type EvaluationModelInput } from '@aireview/shared';
import { EvaluationModelVersion, Position } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { writeAudit } from '../platform/audit.js';
import { conflict, notFound } from '../platform/http/errors.js';

/**
 * Publish a new version of a position's evaluation model. Existing scores keep the version that
 * produced them until `rescoreApplications` is run.
 */
export async function publishEvaluationModel(
  deps: Pick<Deps, 'ds' | 'clock'>,
  input: { positionId: string; model: EvaluationModelInput; note?: string; actorId?: string | null; expectedVersion?: number },
): Promise<EvaluationModelVersion> {
  const model = EvaluationModelSchema.parse(input.model);
  const now = deps.clock.now();
  return inTransaction(deps.ds, async (em) => {
    const position = await em.findOneBy(Position, { id: input.positionId });
    if (!position) throw notFound('not_found', '岗位不存在');
    // Checked again in the transaction: the conditional update below then makes check and publish one step.
    if (input.expectedVersion !== undefined && input.expectedVersion !== position.currentModelVersion) {
      throw conflict('concurrent_update', '岗位画像已被其他人修改，请刷新后重试', { expectedVersion: input.expectedVersion, currentVersion: position.currentModelVersion });
    }
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
