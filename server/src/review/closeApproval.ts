import { Review } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';

/**
 * Outbox handler of `review.close`: revoke (撤销) the round's DingTalk approval with HR's remark, as
 * its originator, once HR moved the candidate on without it. Looks first, so a retry or an approval
 * that someone finished or revoked meanwhile ends quietly; the review row was settled when HR moved.
 */
export async function closeApproval(deps: Pick<Deps, 'ds' | 'dingtalk' | 'log'>, payload: { reviewId: string; remark: string }): Promise<'closed' | 'already_closed'> {
  const review = await deps.ds.getRepository(Review).findOneByOrFail({ id: payload.reviewId });
  if (!review.approvalInstanceId) return 'already_closed';
  const instanceId = review.approvalInstanceId;
  try {
    const instance = await deps.dingtalk.getApprovalInstance(instanceId);
    if (instance.state !== 'open') return 'already_closed';
    await deps.dingtalk.terminateApproval({ instanceId, operatingUserId: review.originatorUserId, remark: payload.remark });
  } catch (error) {
    if (isDingTalkError(error) && error.kind === 'not_found') return 'already_closed';
    if (isDingTalkError(error) && !error.retryable) throw new PermanentDeliveryError(`DingTalk refused to revoke ${instanceId}: ${error.code} ${error.message}`);
    throw error;
  }
  deps.log.info({ reviewId: review.id, instanceId }, 'approval revoked after HR moved the candidate on');
  return 'closed';
}
