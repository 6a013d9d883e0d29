import { randomUUID } from 'node:crypto';
import { STAGE_LABELS, canTransition, type Stage } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { Application, StageChange, type ActorType } from '../platform/db/entities/index.js';
import { conflict } from '../platform/http/errors.js';

export interface TransitionInput {
  applicationId: string;
  from: Stage | null;
  to: Stage;
  actorType: ActorType;
  actorId?: string | null;
  reason?: string | null;
  roundId?: string | null;
  approvalInstanceId?: string | null;
  approvalTaskId?: string | null;
}

/**
 * Move an application to a new stage inside the caller's transaction and record who/when/why.
 * Refuses illegal transitions (409 illegal_transition) and lost races (the stage changed under us).
 */
export async function transitionStage(em: EntityManager, input: TransitionInput, now: Date): Promise<void> {
  if (input.from !== null) {
    if (!canTransition(input.from, input.to)) {
      throw conflict('illegal_transition', `不能从「${STAGE_LABELS[input.from]}」变更为「${STAGE_LABELS[input.to]}」`, {
        from: input.from,
        to: input.to,
      });
    }
    const result = await em.update(Application, { id: input.applicationId, stage: input.from }, { stage: input.to, updatedAt: now });
    if (!result.affected) {
      throw conflict('illegal_transition', '候选人状态已被其他操作更新，请刷新后重试', { from: input.from, to: input.to });
    }
  }
  await em.insert(StageChange, {
    id: randomUUID(),
    applicationId: input.applicationId,
    fromStage: input.from,
    toStage: input.to,
    actorType: input.actorType,
    actorId: input.actorId ?? null,
    reason: input.reason ?? null,
    roundId: input.roundId ?? null,
    approvalInstanceId: input.approvalInstanceId ?? null,
    approvalTaskId: input.approvalTaskId ?? null,
    createdAt: now,
  });
}
