import type { SessionUser } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { findVisibleApplication } from '../candidates/index.js';
import { Application, Review } from '../platform/db/entities/index.js';
import { isMysql } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { conflict, forbidden } from '../platform/http/errors.js';

/** Who may retake or fast-track a candidate. */
export const MOVERS: readonly SessionUser['role'][] = ['hr', 'admin'];

/** Scope first (404 outside it, existence not revealed), then the role (403). */
export async function checkMover(deps: Pick<Deps, 'ds'>, viewer: SessionUser, applicationId: string, what: string): Promise<void> {
  await findVisibleApplication(deps.ds, viewer, applicationId);
  if (!MOVERS.includes(viewer.role)) throw forbidden('forbidden', `只有 HR 和管理员可以${what}`);
}

/**
 * Inside the move's transaction: the application and its newest review, locked on MySQL so a
 * supervisor's decision and HR's move cannot both win. A review whose DingTalk approval is still being
 * created cannot be moved past yet.
 */
export async function lockForMove(deps: Pick<Deps, 'ds'>, em: EntityManager, applicationId: string): Promise<{ application: Application; review: Review | null }> {
  const lock = isMysql(deps.ds) ? { lock: { mode: 'pessimistic_write' as const } } : {};
  const application = await em.findOneOrFail(Application, { where: { id: applicationId }, ...lock });
  const review = await em.findOne(Review, { where: { applicationId }, order: { round: 'DESC' }, ...lock });
  if (review?.status === 'starting' && application.stage === 'in_review') throw conflict('review_not_open', '钉钉审批正在创建，请稍后再试');
  return { application, review };
}
