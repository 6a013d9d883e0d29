import { randomUUID } from 'node:crypto';
import { In } from 'typeorm';
import type { ReportAlert } from '@aireview/shared';
import { addDays, shanghaiDay, shanghaiHour } from '../hiring/index.js';
import { AlertNotice, OutboxMessage } from '../platform/db/entities/index.js';
import { inTransaction, isUniqueViolation } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { alertDigestEffect, alertDigestKey } from './kinds.js';
import { listAlerts } from './listAlerts.js';

/** Batches interviewed in the last two weeks are checked (each against its own trailing baseline). */
export const DIGEST_WINDOW_DAYS = 14;

export interface DigestResult {
  /** HR users who got a digest enqueued in this run. */
  notified: string[];
  /** New alerts per notified user. */
  alerts: number;
}

/**
 * The daily alert notice: from `settings.alertDigestHour` (Asia/Shanghai) on, each HR user gets one work
 * notification listing the alerts they have not been sent before; nobody gets one when nothing is new.
 * Safe to run on every instance and every few minutes: a user's sent alerts and the day's digest are
 * written in one transaction, and both are unique, so a concurrent run loses the race and sends nothing.
 */
export async function digestAlerts(deps: Pick<Deps, 'ds' | 'clock' | 'settings' | 'log' | 'wake'>): Promise<DigestResult> {
  const now = deps.clock.now();
  const result: DigestResult = { notified: [], alerts: 0 };
  if (shanghaiHour(now) < deps.settings.alertDigestHour) return result;
  const day = shanghaiDay(now);
  const userIds = deps.settings.roles.hrUserIds;
  const due = [];
  for (const userId of userIds) {
    const sent = await deps.ds.getRepository(OutboxMessage).existsBy({ dedupeKey: alertDigestKey(userId, day) });
    if (!sent && !(await deps.ds.getRepository(AlertNotice).existsBy({ userId, alertKey: checkedKey(day) }))) due.push(userId);
  }
  if (due.length === 0) return result;

  // HR see every position and the fairness alerts; the digest lists exactly what 数据看板 would show them.
  const alerts = await listAlerts(deps, { userId: due[0]!, name: '', role: 'hr', departmentIds: [] }, { from: addDays(day, -(DIGEST_WINDOW_DAYS - 1)), to: day });
  for (const userId of due) {
    const fresh = await unsentTo(deps, userId, alerts);
    if (fresh.length === 0) {
      await markChecked(deps, userId, day, now);
      continue;
    }
    try {
      await inTransaction(deps.ds, async (em) => {
        await em.insert(AlertNotice, fresh.map((a) => ({ id: randomUUID(), alertKey: a.key, userId, sentAt: now })));
        await enqueue(em, alertDigestEffect({ userId, day, alerts: fresh.map((a) => ({ key: a.key, message: a.message })) }), now);
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      deps.log.debug({ userId, day }, 'another instance sent this alert digest');
      continue;
    }
    result.notified.push(userId);
    result.alerts += fresh.length;
  }
  if (result.notified.length > 0) {
    deps.log.info({ day, users: result.notified.length, alerts: result.alerts }, 'alert digests enqueued');
    deps.wake();
  }
  return result;
}

/**
 * The day's "nothing new" marker: without it every run after the digest hour would recompute the alerts
 * for a user who has nothing to be told. Alerts that appear later that day go out in the next day's digest.
 */
const checkedKey = (day: string) => `digest-checked:${day}`;

async function markChecked(deps: Pick<Deps, 'ds'>, userId: string, day: string, now: Date): Promise<void> {
  try {
    await deps.ds.getRepository(AlertNotice).insert({ id: randomUUID(), alertKey: checkedKey(day), userId, sentAt: now });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

async function unsentTo(deps: Pick<Deps, 'ds'>, userId: string, alerts: ReportAlert[]): Promise<ReportAlert[]> {
  const sent = new Set<string>();
  const keys = alerts.map((a) => a.key);
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await deps.ds.getRepository(AlertNotice).find({ select: { alertKey: true }, where: { userId, alertKey: In(keys.slice(i, i + 500)) } });
    for (const row of rows) sent.add(row.alertKey);
  }
  return alerts.filter((a) => !sent.has(a.key));
}
