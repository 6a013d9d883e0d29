import type { Deps } from '../platform/deps.js';
import { inboundEventKind } from '../platform/inbound.js';
import type { OutboxHandlers } from '../platform/outbox/worker.js';
import { applyDingTalkEvent } from './applyDingTalkEvent.js';
import { closeApproval } from './closeApproval.js';
import { executeDecision, type ExecutePayload } from './executeDecision.js';
import { REVIEW_KINDS } from './kinds.js';
import type { NoticeType } from './notices.js';
import { sendReviewNotice } from './sendReviewNotice.js';
import { sendVendorRequest } from './sendVendorRequest.js';
import { startReview } from './startReview.js';

/** The outbox kinds the review workflow delivers, and the stored DingTalk events it applies. Each handler logs under its message. */
export function reviewHandlers(deps: Deps): OutboxHandlers {
  const as = (log: Deps['log']): Deps => ({ ...deps, log });
  return {
    [REVIEW_KINDS.requested]: async (message, log) => {
      await startReview(as(log), message.payload as { applicationId: string; roundId: string });
    },
    [REVIEW_KINDS.notice]: async (message, log) => {
      await sendReviewNotice(as(log), message.payload as { reviewId: string; type: NoticeType });
    },
    [REVIEW_KINDS.execute]: async (message, log) => {
      await executeDecision(as(log), message.payload as unknown as ExecutePayload);
    },
    [REVIEW_KINDS.vendorRequest]: async (message) => {
      await sendVendorRequest(deps, message.payload as { requestId: string });
    },
    [REVIEW_KINDS.close]: async (message, log) => {
      await closeApproval(as(log), message.payload as { reviewId: string; remark: string });
    },
    [inboundEventKind('dingtalk')]: async (message, log) => {
      await applyDingTalkEvent(as(log), message.payload as { inboundEventId: string });
    },
  };
}
