import { inboundEventKind } from '../commands/recordInboundEvent.js';
import type { OutboxHandler } from '../outbox/worker.js';
import { applyDingTalkEvent } from './applyEvent.js';
import { OUTBOX, type ReviewDeps } from './deps.js';
import { executeDecision, type ExecutePayload } from './executeDecision.js';
import { sendReviewNotice, type NoticeType } from './notices.js';
import { startReview } from './startReview.js';
import { sendVendorRequest } from './vendorRequest.js';

/** The outbox handlers of the review workflow, by kind. */
export function reviewOutboxHandlers(deps: ReviewDeps): Record<string, OutboxHandler> {
  const withLog = (log: ReviewDeps['log']): ReviewDeps => ({ ...deps, log });
  return {
    [OUTBOX.reviewRequested]: async (message, log) => {
      await startReview(withLog(log), message.payload as { applicationId: string; roundId: string });
    },
    [OUTBOX.notice]: async (message, log) => {
      await sendReviewNotice(withLog(log), message.payload as { reviewId: string; type: NoticeType });
    },
    [OUTBOX.execute]: async (message, log) => {
      await executeDecision(withLog(log), message.payload as unknown as ExecutePayload);
    },
    [OUTBOX.vendorRequest]: async (message, log) => {
      await sendVendorRequest(withLog(log), message.payload as { requestId: string });
    },
    [inboundEventKind('dingtalk')]: async (message, log) => {
      await applyDingTalkEvent(withLog(log), message.payload as { inboundEventId: string });
    },
  };
}
