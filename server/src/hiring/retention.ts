import type { Application } from '../platform/db/entities/index.js';
import { addDays, shanghaiMidnight } from '../platform/dates.js';

/** Days after onboarding at which departures are read. */
export const RETENTION_CHECKPOINT_DAYS = [30, 90, 180] as const;

type RetentionFacts = Pick<Application, 'stage' | 'onboardingDate' | 'lastWorkDay' | 'retentionCheckedAt' | 'imported'>;

/**
 * The latest checkpoint (30/90/180 days after onboarding) that has come by `today` and whose departures
 * were not read since, or null when nothing is due. Reading once per checkpoint is enough: a departure
 * before day 30 is seen at day 30, one before day 90 at day 90.
 */
export function dueCheckpointOf(application: Pick<Application, 'onboardingDate' | 'retentionCheckedAt'>, today: string): number | null {
  if (!application.onboardingDate) return null;
  for (const days of [...RETENTION_CHECKPOINT_DAYS].reverse()) {
    const day = addDays(application.onboardingDate, days);
    if (day > today) continue;
    const checked = application.retentionCheckedAt;
    return checked && checked >= shanghaiMidnight(day) ? null : days;
  }
  return null;
}

/**
 * Whether a hire stayed 90 days: false when they left before day 90 of their onboarding, true when they
 * are known to be still employed at day 90 (departures read on or after it, or imported history) or left
 * later; null when 90 days have not passed yet, for applications that were not hired, and when unknown.
 * `today` is YYYY-MM-DD (Asia/Shanghai).
 */
export function retention90dOf(application: RetentionFacts, today: string): boolean | null {
  if (!application.onboardingDate || (application.stage !== 'hired' && application.stage !== 'left')) return null;
  const day90 = addDays(application.onboardingDate, 90);
  if (application.stage === 'left') {
    if (!application.lastWorkDay) return null;
    if (application.lastWorkDay < day90) return false;
    return today >= day90 ? true : null;
  }
  if (today < day90) return null;
  if (application.imported) return true;
  return application.retentionCheckedAt && application.retentionCheckedAt >= shanghaiMidnight(day90) ? true : null;
}
