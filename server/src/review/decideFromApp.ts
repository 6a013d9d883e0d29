import type { DecisionInput, DecisionResult, SessionUser } from '@aireview/shared';
import { findVisibleApplication } from '../candidates/index.js';
import { Review } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { conflict } from '../platform/http/errors.js';
import { decideReview } from './decideReview.js';

/**
 * A supervisor's decision from the H5 app on the application's latest review: the same command as
 * DingTalk callbacks, after the viewer's scope (404 outside it) and the approver check (in decideReview).
 */
export async function decideFromApp(deps: Pick<Deps, 'ds' | 'log' | 'clock' | 'wake' | 'settings'>, viewer: SessionUser, applicationId: string, input: DecisionInput, requestId?: string): Promise<DecisionResult> {
  await findVisibleApplication(deps.ds, viewer, applicationId);
  const review = await deps.ds.getRepository(Review).findOne({ where: { applicationId }, order: { round: 'DESC' } });
  if (!review) throw conflict('review_not_open', '该候选人还没有发起审核');
  const outcome = await decideReview(deps, {
    review: { id: review.id },
    actorUserId: viewer.userId,
    source: 'app',
    decision: input.decision,
    remark: input.remark ?? null,
    ...(input.scenarios ? { scenarios: input.scenarios } : {}),
    requestId: requestId ?? null,
  });
  return {
    applicationId,
    reviewId: review.id,
    decision: outcome.review.decision ?? input.decision,
    stage: outcome.stage,
    agreedWithAi: outcome.review.agreedWithAi ?? false,
    outcome: outcome.outcome === 'applied' ? 'applied' : 'unchanged',
  };
}
