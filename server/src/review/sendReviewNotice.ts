import { Review } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { buildCard, noticeRecipients, type NoticeType } from './notices.js';
import { loadReviewContext } from './queries.js';

/** DingTalk takes 100 users per work notice. */
const MAX_USERS_PER_NOTICE = 100;

/** Reminders and escalations are only worth sending while nobody has decided. */
const ONLY_WHILE_PENDING: readonly NoticeType[] = ['reminder', 'escalation'];

/** Outbox handler of `review.notice`: one work notification about one review. */
export async function sendReviewNotice(deps: Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'settings'>, payload: { reviewId: string; type: NoticeType }): Promise<'sent' | 'skipped'> {
  const review = await deps.ds.getRepository(Review).findOneByOrFail({ id: payload.reviewId });
  if (ONLY_WHILE_PENDING.includes(payload.type) && review.status !== 'pending') return 'skipped';
  const userIds = noticeRecipients(deps.settings.roles.hrUserIds, review, payload.type);
  if (userIds.length === 0) {
    deps.log.warn({ reviewId: review.id, type: payload.type }, 'work notice has no recipients; skipped');
    return 'skipped';
  }
  const card = buildCard(deps.settings.publicBaseUrl, await loadReviewContext(deps.ds.manager, review), payload.type);
  try {
    // After a partial failure the retry sends every batch again; the identical content is dropped for those who already got it.
    for (let i = 0; i < userIds.length; i += MAX_USERS_PER_NOTICE) {
      await deps.dingtalk.sendWorkNotice({ userIds: userIds.slice(i, i + MAX_USERS_PER_NOTICE), card });
    }
  } catch (error) {
    if (isDingTalkError(error) && !error.retryable) throw new PermanentDeliveryError(`DingTalk refused the work notice: ${error.code} ${error.message}`);
    throw error;
  }
  return 'sent';
}
