import { isDingTalkError, type ApprovalInstance } from '../dingtalk/port.js';
import { Review } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit } from '../commands/audit.js';
import { enqueue } from '../outbox/enqueue.js';
import { PermanentDeliveryError } from '../outbox/worker.js';
import { nowOf, type ReviewDeps } from './deps.js';
import { noticeEffect } from './notices.js';

export interface ExecutePayload {
  reviewId: string;
  actorUserId: string;
  result: 'agree' | 'refuse';
  remark: string | null;
}

/**
 * Outbox handler of `review.execute`: carry a decision taken in our app over to the DingTalk
 * approval, as the supervisor, on their running task. Looks before acting, so a retry after a lost
 * answer or a crash finds the task done and stops; a different outcome in DingTalk is a conflict for HR.
 */
export async function executeDecision(deps: ReviewDeps, payload: ExecutePayload): Promise<'executed' | 'already_done' | 'conflict'> {
  const review = await deps.ds.getRepository(Review).findOneByOrFail({ id: payload.reviewId });
  if (!review.approvalInstanceId) throw new PermanentDeliveryError(`review ${review.id} has no approval instance`);
  const instanceId = review.approvalInstanceId;

  const before = await deps.dingtalk.getApprovalInstance(instanceId);
  const settled = settledOutcome(before, payload.result);
  if (settled) return settled === 'conflict' ? reportConflict(deps, review, before) : settled;

  const task = before.tasks.find((t) => t.userId === payload.actorUserId && t.status === 'RUNNING');
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

/** Null while the approval still runs; otherwise whether it ended the way we wanted. */
function settledOutcome(instance: ApprovalInstance, wanted: 'agree' | 'refuse'): 'already_done' | 'conflict' | null {
  if (instance.status === 'RUNNING' || instance.status === 'NEW') return null;
  return instance.status === 'COMPLETED' && instance.result === wanted ? 'already_done' : 'conflict';
}

async function reportConflict(deps: ReviewDeps, review: Review, instance: ApprovalInstance): Promise<'conflict'> {
  const now = nowOf(deps);
  deps.log.error({ reviewId: review.id, instanceId: instance.instanceId, status: instance.status, result: instance.result }, 'app decision could not be carried over to DingTalk');
  await inTransaction(deps.ds, async (em) => {
    await writeAudit(em, {
      actorType: 'system',
      actorId: null,
      action: 'review.conflict',
      subjectType: 'application',
      subjectId: review.applicationId,
      details: { reviewId: review.id, recorded: review.decision, dingtalkStatus: instance.status, dingtalkResult: instance.result },
    }, now);
    await enqueue(em, noticeEffect(review, 'conflict'), now);
  });
  deps.kick?.();
  return 'conflict';
}
