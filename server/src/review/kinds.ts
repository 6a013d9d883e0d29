import type { OutboxEffect } from '../platform/outbox/enqueue.js';

/** Outbox kinds the review workflow owns (handlers.ts delivers them). Stored DingTalk events use `inboundEventKind('dingtalk')`. */
export const REVIEW_KINDS = {
  requested: 'review.requested',
  notice: 'review.notice',
  execute: 'review.execute',
  vendorRequest: 'vendor.supplementary',
  close: 'review.close',
} as const;

/** Start the review of a new round: written by ingestion in the round's transaction. */
export function reviewRequestedEffect(input: { applicationId: string; roundId: string }): OutboxEffect {
  return { kind: REVIEW_KINDS.requested, payload: { ...input }, dedupeKey: `review:${input.roundId}` };
}

/** Close the round's DingTalk approval because HR moved the candidate on without it (retake, fast-track). */
export function closeApprovalEffect(reviewId: string, remark: string): OutboxEffect {
  return { kind: REVIEW_KINDS.close, payload: { reviewId, remark }, dedupeKey: `close:${reviewId}` };
}
