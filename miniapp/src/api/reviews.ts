import type { PendingReviewList } from '@aireview/shared';
import { request } from './http';

/** The viewer's open reviews, oldest first. */
export function listPendingReviews(): Promise<PendingReviewList> {
  return request<PendingReviewList>('/reviews/pending');
}
