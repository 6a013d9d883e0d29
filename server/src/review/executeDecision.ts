import { Review } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError, type ApprovalInstance } from '../platform/dingtalk/port.js';
import type { ApprovalResult } from '../platform/dingtalk/remark.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { recordConflict } from './recordConflict.js';

export interface ExecutePayload {
  reviewId: string;
  actorUserId: string;
  result: ApprovalResult;
  remark: string | null;
}

type ExecuteDeps = Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock' | 'wake'>;

/**
 * Outbox handler of `review.execute`: carry a decision taken in our app over to the DingTalk
 * approval, as the supervisor, on their open task. Looks before acting, so a retry after a lost
 * answer or a crash finds the task done and stops; a different outcome in DingTalk is a conflict for HR.
 */
export async function executeDecision(deps: ExecuteDeps, payload: ExecutePayload): Promise<'executed' | 'already_done' | 'conflict'> {
  const review = await deps.ds.getRepository(Review).findOneByOrFail({ id: payload.reviewId });
  if (!review.approvalInstanceId) throw new PermanentDeliveryError(`review ${review.id} has no approval instance`);
  const instanceId = review.approvalInstanceId;

  const before = await deps.dingtalk.getApprovalInstance(instanceId);
  const settled = settledOutcome(before, payload.result);
  if (settled) return settled === 'conflict' ? reportConflict(deps, review, before) : settled;

  const task = before.tasks.find((t) => t.userId === payload.actorUserId && t.state === 'open');
  if (!task) return reportConflict(deps, review, before);
  try {
    await deps.dingtalk.executeReviewTask({
      instanceId,
      taskId: task.taskId,
      actorUserId: payload.actorUserId,
      result: payload.result,
      ...(payload.remark ? { remark: payload.remark } : {}),
    });
    return 'executed';
  } catch (error) {
    if (!isDingTalkError(error) || error.retryable) throw error;
    // Refused: someone else may have decided in between. Look again before giving up.
    const after = await deps.dingtalk.getApprovalInstance(instanceId);
    const outcome = settledOutcome(after, payload.result);
    if (outcome === 'already_done') return outcome;
    if (outcome === 'conflict') return reportConflict(deps, review, after);
    throw new PermanentDeliveryError(`DingTalk refused to execute task ${task.taskId}: ${error.code} ${error.message}`);
  }
}

/** Null while the approval is still open; otherwise whether it ended the way we wanted. */
function settledOutcome(instance: ApprovalInstance, wanted: ApprovalResult): 'already_done' | 'conflict' | null {
  if (instance.state === 'open') return null;
  return instance.state === (wanted === 'agree' ? 'agreed' : 'refused') ? 'already_done' : 'conflict';
}

async function reportConflict(deps: ExecuteDeps, review: Review, instance: ApprovalInstance): Promise<'conflict'> {
  const now = deps.clock.now();
  deps.log.error({ reviewId: review.id, instanceId: instance.instanceId, approvalState: instance.state }, 'app decision could not be carried over to DingTalk');
  await inTransaction(deps.ds, (em) => recordConflict(em, review, { actorType: 'system', actorId: null, details: { recorded: review.decision, approvalState: instance.state } }, now));
  deps.wake();
  return 'conflict';
}
