import type { GroupMean, TrainingReport } from '@aireview/shared';
import { meanShift, studentTwoSided } from './stats.js';
import { rate } from './summarize.js';

/** Hires per group below which the outcome comparison draws no conclusion. */
export const MIN_TRAINING_GROUP_N = 10;

export interface TrainingRow {
  applicationId: string;
  positionId: string;
  status: 'assigned' | 'overdue' | 'done' | 'waived';
}

export interface HireOutcome {
  applicationId: string;
  positionId: string;
  /** The hire's mean satisfaction over their months with a figure; null without one. */
  satisfaction: number | null;
}

const round = (value: number | null, digits: number) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);
const meanOf = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

/** The two-sided 97.5 % quantile of Student's t with df degrees of freedom, by bisection on the exact tail. */
export function tCritical95(df: number): number {
  let lo = 0;
  let hi = 1000;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSided(mid, df) > 0.05) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Per position: how many course/programme assignments are in each status, the completion rate (done of
 * those not waived, Wilson 95 %), and — among hires with performance — completed-all-courses against not,
 * on mean satisfaction with Welch's test and interval, refusing to conclude below MIN_TRAINING_GROUP_N.
 */
export function summarizeTraining(
  positions: readonly { id: string; code: string; name: string }[],
  assignments: readonly TrainingRow[],
  hires: readonly HireOutcome[],
): TrainingReport {
  return {
    minGroupN: MIN_TRAINING_GROUP_N,
    positions: positions.map((position) => {
      const own = assignments.filter((a) => a.positionId === position.id);
      const count = (status: TrainingRow['status']) => own.filter((a) => a.status === status).length;
      const counts = { total: own.length, assigned: count('assigned'), overdue: count('overdue'), done: count('done'), waived: count('waived') };
      return {
        positionCode: position.code,
        positionName: position.name,
        candidates: new Set(own.map((a) => a.applicationId)).size,
        assignments: counts,
        completion: rate(counts.done, counts.total - counts.waived),
        outcome: outcomeOf(own, hires.filter((h) => h.positionId === position.id)),
      };
    }),
  };
}

function outcomeOf(assignments: readonly TrainingRow[], hires: readonly HireOutcome[]): TrainingReport['positions'][number]['outcome'] {
  const completed: number[] = [];
  const notCompleted: number[] = [];
  for (const hire of hires) {
    if (hire.satisfaction === null) continue;
    const own = assignments.filter((a) => a.applicationId === hire.applicationId && a.status !== 'waived');
    if (own.length === 0) continue;
    (own.every((a) => a.status === 'done') ? completed : notCompleted).push(hire.satisfaction);
  }
  if (completed.length + notCompleted.length === 0) return null;
  const group = (values: number[]): GroupMean => ({ n: values.length, mean: round(meanOf(values), 1) });
  const enough = completed.length >= MIN_TRAINING_GROUP_N && notCompleted.length >= MIN_TRAINING_GROUP_N;
  const shift = enough ? meanShift(completed, notCompleted) : null;
  let ci95: [number, number] | null = null;
  if (shift && shift.df !== null && Number.isFinite(shift.t) && shift.t !== 0) {
    const halfWidth = tCritical95(shift.df) * Math.abs(shift.diff / shift.t);
    ci95 = [round(shift.diff - halfWidth, 2)!, round(shift.diff + halfWidth, 2)!];
  }
  return {
    metric: 'satisfaction',
    completed: group(completed),
    notCompleted: group(notCompleted),
    difference: shift ? round(shift.diff, 2) : null,
    ci95,
    pValue: shift ? round(shift.pTwoSided, 4) : null,
    enough,
  };
}
