import { In } from 'typeorm';
import { transitionStage } from '../candidates/index.js';
import { Application } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { MAX_DEPARTURE_USER_IDS, type Departure } from '../platform/dingtalk/port.js';
import { addDays, shanghaiDay } from '../platform/dates.js';
import { linkedHiresOnboardedBy } from './queries.js';
import { dueCheckpointOf, RETENTION_CHECKPOINT_DAYS } from './retention.js';

const REASON_LABELS = { voluntary: '主动离职', passive: '被动离职' } as const;

/**
 * Periodic: read DingTalk's departure records of linked hires at 30, 90 and 180 days after onboarding
 * (once per checkpoint, remembered in retentionCheckedAt), at most 50 employees per call. A hire who left
 * moves to 已离职 (`left`) with the last working day and whether they left voluntarily; the stage change is
 * recorded like any other. A failed read is logged and that batch is tried again next run.
 */
export async function checkRetention(deps: Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock'>): Promise<{ read: number; left: number }> {
  const today = shanghaiDay(deps.clock.now());
  const candidates = await linkedHiresOnboardedBy(deps.ds, addDays(today, -RETENTION_CHECKPOINT_DAYS[0]));
  const due = candidates.filter((a) => dueCheckpointOf(a, today) !== null);
  let read = 0;
  let left = 0;
  for (let i = 0; i < due.length; i += MAX_DEPARTURE_USER_IDS) {
    const batch = due.slice(i, i + MAX_DEPARTURE_USER_IDS);
    let departures: Departure[];
    try {
      departures = await deps.dingtalk.listDepartures(batch.map((a) => a.employeeUserId as string));
    } catch (error) {
      deps.log.warn({ err: error, hires: batch.length }, 'could not read departures; will try again');
      continue;
    }
    read += batch.length;
    const byUser = new Map(departures.filter((d) => d.left).map((d) => [d.userId, d]));
    const now = deps.clock.now();
    const applied = await inTransaction(deps.ds, async (em) => {
      let count = 0;
      const stayed = batch.filter((a) => !byUser.has(a.employeeUserId as string)).map((a) => a.id);
      if (stayed.length > 0) await em.update(Application, { id: In(stayed), stage: 'hired' }, { retentionCheckedAt: now, updatedAt: now });
      for (const application of batch) {
        const departure = byUser.get(application.employeeUserId as string);
        if (!departure) continue;
        const reason = departure.reason ? REASON_LABELS[departure.reason] : '离职';
        await transitionStage(em, {
          applicationId: application.id,
          from: 'hired',
          to: 'left',
          actorType: 'dingtalk',
          reason: departure.lastWorkDay ? `${reason}，最后工作日 ${departure.lastWorkDay}` : reason,
        }, now);
        await em.update(Application, { id: application.id }, { lastWorkDay: departure.lastWorkDay, leftReason: departure.reason, retentionCheckedAt: now, updatedAt: now });
        count += 1;
      }
      return count;
    }).catch((error: unknown) => {
      deps.log.warn({ err: error, hires: batch.length }, 'could not apply departures; will try again');
      return 0;
    });
    left += applied;
  }
  return { read, left };
}
