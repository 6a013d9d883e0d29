import type { DueAnchor } from '@aireview/shared';
import { addDays, shanghaiDay, shanghaiMidnight } from '../platform/dates.js';

/**
 * When an assignment is due (Asia/Shanghai midnights), or null without a deadline or while the
 * onboarding date is unknown:
 * - `onboarding`: 00:00 of onboarding day + dueDays — 0 means before the first day, 30 within the first 30 days;
 * - `decision`: the end of the decision's day + dueDays — 7 means within a week of the decision.
 */
export function dueAtOf(anchor: DueAnchor, dueDays: number | null, context: { decidedAt: Date; onboardingDate: string | null }): Date | null {
  if (dueDays === null) return null;
  if (anchor === 'onboarding') return context.onboardingDate ? shanghaiMidnight(addDays(context.onboardingDate, dueDays)) : null;
  return shanghaiMidnight(addDays(shanghaiDay(context.decidedAt), dueDays + 1));
}

/** The last Asia/Shanghai day an assignment due at `dueAt` (a midnight) may still be done on. */
export function lastDayOf(dueAt: Date): string {
  return shanghaiDay(new Date(dueAt.getTime() - 1));
}
