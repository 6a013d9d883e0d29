import type { PendingReviewList, SessionUser } from '@aireview/shared';
import { In, type DataSource } from 'typeorm';
import { visiblePositions } from '../auth/scope.js';
import { Application, Position, Review } from '../db/entities/index.js';
import { escapeLike } from './listApplications.js';
import { summariesOf, unique } from './present.js';

const HOUR_MS = 3_600_000;

/**
 * The open reviews the viewer is an approver of, oldest first. `approverUserIds` is JSON text, so
 * SQL narrows on the quoted id and JS re-checks the parsed list. Files outside the viewer's scope are left out.
 */
export async function listPendingReviews(deps: { ds: DataSource; now?: () => Date }, viewer: SessionUser): Promise<PendingReviewList> {
  const { ds } = deps;
  const candidates = await ds
    .getRepository(Review)
    .createQueryBuilder('r')
    .where('r.status = :status', { status: 'pending' })
    .andWhere("r.approverUserIds LIKE :approver ESCAPE '!'", { approver: `%${escapeLike(JSON.stringify(viewer.userId))}%` })
    .getMany();
  const mine = candidates.filter((r) => r.approverUserIds.includes(viewer.userId));
  if (mine.length === 0) return { items: [], count: 0 };

  const applications = await ds.getRepository(Application).findBy({ id: In(unique(mine.map((r) => r.applicationId))) });
  const positions = visiblePositions(viewer, await ds.getRepository(Position).findBy({ id: In(unique(applications.map((a) => a.positionId))) }));
  const visibleIds = new Set(positions.map((p) => p.id));
  const visible = applications.filter((a) => visibleIds.has(a.positionId));
  const summaries = await summariesOf(ds, viewer, visible);
  const summaryById = new Map(summaries.map((s) => [s.applicationId, s]));

  const nowMs = (deps.now?.() ?? new Date()).getTime();
  const items = mine
    .flatMap((review) => {
      const application = summaryById.get(review.applicationId);
      return application ? [{ review, application, startedAt: review.startedAt ?? review.createdAt }] : [];
    })
    .sort((x, y) => x.startedAt.getTime() - y.startedAt.getTime() || x.review.id.localeCompare(y.review.id))
    .map(({ review, application, startedAt }) => ({
      reviewId: review.id,
      application,
      startedAt: startedAt.toISOString(),
      waitingHours: Math.max(0, Math.floor((nowMs - startedAt.getTime()) / HOUR_MS)),
    }));
  return { items, count: items.length };
}
