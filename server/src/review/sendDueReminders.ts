import { IsNull, LessThanOrEqual } from 'typeorm';
import { Review } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import type { Deps } from '../platform/deps.js';
import { noticeEffect, type NoticeType } from './notices.js';

const BATCH = 100;

/**
 * A review still open `remindAfterMs` after its approval started gets one reminder to its approvers;
 * still open `escalateAfterMs` after the reminder, it escalates to HR once. Each step is claimed with
 * a conditional update, so several instances running this never send a step twice.
 */
export async function sendDueReminders(deps: Pick<Deps, 'ds' | 'log' | 'clock' | 'wake' | 'settings'>): Promise<{ reminded: number; escalated: number }> {
  const now = deps.clock.now();
  const repo = deps.ds.getRepository(Review);
  const remindBefore = new Date(now.getTime() - deps.settings.review.remindAfterMs);
  const escalateBefore = new Date(now.getTime() - deps.settings.review.escalateAfterMs);

  const toRemind = await repo.find({ where: { status: 'pending', remindedAt: IsNull(), startedAt: LessThanOrEqual(remindBefore) }, take: BATCH });
  const toEscalate = await repo.find({ where: { status: 'pending', escalatedAt: IsNull(), remindedAt: LessThanOrEqual(escalateBefore) }, take: BATCH });
  let reminded = 0;
  let escalated = 0;
  for (const review of toRemind) if (await claimStep(deps, review, 'reminder', now)) reminded += 1;
  for (const review of toEscalate) if (await claimStep(deps, review, 'escalation', now)) escalated += 1;
  if (reminded + escalated > 0) {
    deps.wake();
    deps.log.info({ reminded, escalated }, 'review reminders queued');
  }
  return { reminded, escalated };
}

async function claimStep(deps: Pick<Deps, 'ds'>, review: Review, type: Extract<NoticeType, 'reminder' | 'escalation'>, now: Date): Promise<boolean> {
  const column = type === 'reminder' ? 'remindedAt' : 'escalatedAt';
  return inTransaction(deps.ds, async (em) => {
    const claimed = await em.update(Review, { id: review.id, status: 'pending', [column]: IsNull() }, { [column]: now, updatedAt: now });
    if (!claimed.affected) return false;
    await enqueue(em, noticeEffect(review, type), now);
    return true;
  });
}
