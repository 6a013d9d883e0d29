import type { OutcomeInput, OutcomeResult, SessionUser } from '@aireview/shared';
import { findVisibleApplication, transitionStage } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import { Application } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { forbidden } from '../platform/http/errors.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { assignTraining } from '../training/index.js';
import { preEntryEffect } from './kinds.js';

const RECORDERS: readonly SessionUser['role'][] = ['hr', 'admin'];

/**
 * HR record the 复试 outcome: 录用 (hired, with the expected onboarding date), 未通过 (rejected) or
 * 候选人放弃 (withdrawn). Out of the viewer's scope is 404 (existence is not revealed); in scope but
 * not HR/admin is 403; anything but 复试 is 409 illegal_transition. One transaction: the stage change,
 * the outcome fields, the audit entry and, for a hire, the outbox row that creates the DingTalk pre-entry
 * and the training the position's rules assign on 录用.
 */
export async function recordOutcome(
  deps: Pick<Deps, 'ds' | 'clock' | 'wake' | 'settings'>,
  viewer: SessionUser,
  applicationId: string,
  input: OutcomeInput,
  requestId?: string,
): Promise<OutcomeResult> {
  await findVisibleApplication(deps.ds, viewer, applicationId);
  if (!RECORDERS.includes(viewer.role)) throw forbidden('forbidden', '只有 HR 和管理员可以记录复试结果');
  const now = deps.clock.now();
  const hired = input.outcome === 'hired';
  const onboardingDate = hired ? (input.onboardingDate ?? null) : null;
  const remark = input.remark ? input.remark : null;
  const result = await inTransaction(deps.ds, async (em) => {
    const application = await em.findOneByOrFail(Application, { id: applicationId });
    await transitionStage(em, { applicationId, from: application.stage, to: input.outcome, actorType: 'user', actorId: viewer.userId, reason: remark }, now);
    await em.update(Application, { id: applicationId }, {
      outcomeAt: now,
      outcomeByUserId: viewer.userId,
      onboardingDate,
      hiredAt: hired ? now : null,
      updatedAt: now,
    });
    if (hired) {
      await enqueue(em, preEntryEffect(applicationId), now);
      await assignTraining(em, deps, { applicationId, trigger: 'hired' }, now);
    }
    await writeAudit(em, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'application.outcome_recorded',
      subjectType: 'application',
      subjectId: applicationId,
      details: { from: application.stage, outcome: input.outcome, onboardingDate, remark },
      requestId: requestId ?? null,
    }, now);
    return { applicationId, stage: input.outcome, onboardingDate };
  });
  if (hired) deps.wake();
  return result;
}
