import type { Deps } from '../platform/deps.js';
import { reconcilePendingReviews } from './reconcileReviews.js';
import { sendDueReminders } from './sendDueReminders.js';

/** The review workflow's periodic work: reminders and escalations, then reconciliation with DingTalk. */
export async function runReviewJobs(deps: Deps): Promise<void> {
  await sendDueReminders(deps);
  await reconcilePendingReviews(deps);
}
