import { randomUUID } from 'node:crypto';
import { TrainingRulesInputSchema, type SessionUser, type TrainingRulesView } from '@aireview/shared';
import type { z } from 'zod';
import { writeAudit } from '../platform/audit.js';
import { Position, TrainingRuleVersion } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { conflict, forbidden } from '../platform/http/errors.js';
import { getTrainingRules, positionByCode } from './queries.js';

export const RULE_EDITORS: readonly SessionUser['role'][] = ['hr', 'admin'];

/**
 * HR publish a position's training rules as a new version (403 for anyone else); see saveTrainingRules.
 */
export async function publishTrainingRules(
  deps: Pick<Deps, 'ds' | 'clock'>,
  viewer: SessionUser,
  code: string,
  input: z.output<typeof TrainingRulesInputSchema>,
  requestId?: string,
): Promise<TrainingRulesView> {
  if (!RULE_EDITORS.includes(viewer.role)) throw forbidden('forbidden', '只有 HR 和管理员可以修改培训规则');
  await saveTrainingRules(deps, { code, input, actorId: viewer.userId, requestId });
  return getTrainingRules(deps.ds, code);
}

/**
 * A position's training rules as a new version. `expectedVersion` is the version the editor started
 * from: anything else means someone published meanwhile (409 concurrent_update), also when two
 * publishes race (the position's pointer only moves from the expected version). Audited. Assignments
 * already made keep the version they were made from.
 */
export async function saveTrainingRules(
  deps: Pick<Deps, 'ds' | 'clock'>,
  request: { code: string; input: z.output<typeof TrainingRulesInputSchema>; actorId: string | null; requestId?: string },
): Promise<number> {
  const { code, input } = request;
  const now = deps.clock.now();
  const stale = (current: number) => conflict('concurrent_update', '培训规则已被其他人修改，请刷新后重试', { expectedVersion: input.expectedVersion, currentVersion: current });
  return inTransaction(deps.ds, async (em) => {
    const position = await positionByCode(em, code);
    if (position.trainingRulesVersion !== input.expectedVersion) throw stale(position.trainingRulesVersion);
    const version = input.expectedVersion + 1;
    const moved = await em.update(Position, { id: position.id, trainingRulesVersion: input.expectedVersion }, { trainingRulesVersion: version, updatedAt: now });
    if (!moved.affected) throw stale(version);
    await em.insert(TrainingRuleVersion, {
      id: randomUUID(),
      positionId: position.id,
      version,
      rules: input.rules,
      note: input.note?.trim() ? input.note.trim() : null,
      createdByUserId: request.actorId,
      createdAt: now,
    });
    await writeAudit(em, {
      actorType: request.actorId ? 'user' : 'system',
      actorId: request.actorId,
      action: 'training_rules.published',
      subjectType: 'position',
      subjectId: position.id,
      details: { positionCode: code, version, ruleIds: input.rules.map((r) => r.id), note: input.note ?? null },
      requestId: request.requestId ?? null,
    }, now);
    return version;
  });
}
