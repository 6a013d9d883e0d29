import { describe, expect, it } from 'vitest';
import { MIN_TRAINING_GROUP_N, summarizeTraining, tCritical95, type HireOutcome, type TrainingRow } from './trainingStats.js';

const POSITION = { id: 'p1', code: 'CS-GENERAL', name: '综合电商客服' };

/** n hires with one course each, done or not, and the given satisfaction. */
function hires(prefix: string, satisfaction: readonly number[], status: TrainingRow['status']): { rows: TrainingRow[]; outcomes: HireOutcome[] } {
  const ids = satisfaction.map((_, i) => `${prefix}${i}`);
  return {
    rows: ids.map((applicationId) => ({ applicationId, positionId: 'p1', status })),
    outcomes: ids.map((applicationId, i) => ({ applicationId, positionId: 'p1', satisfaction: satisfaction[i]! })),
  };
}

/** A seeded normal sample (LCG + Box–Muller) so the synthetic truth is reproducible. */
function normalSample(n: number, mean: number, sd: number, seed: number): number[] {
  let state = seed;
  const uniform = () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return (state + 0.5) / 2 ** 32;
  };
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

describe('tCritical95', () => {
  it.each([
    [1, 12.7062],
    [10, 2.2281],
    [18, 2.1009],
    [30, 2.0423],
  ])('df %s → %s (printed t tables)', (df, expected) => {
    expect(tCritical95(df)).toBeCloseTo(expected, 3);
  });
});

describe('summarizeTraining', () => {
  it('counts assignments by status and rates completion over those not waived (Wilson 95 %, hand-computed)', () => {
    const rows: TrainingRow[] = [
      { applicationId: 'a', positionId: 'p1', status: 'done' },
      { applicationId: 'a', positionId: 'p1', status: 'done' },
      { applicationId: 'b', positionId: 'p1', status: 'done' },
      { applicationId: 'b', positionId: 'p1', status: 'overdue' },
      { applicationId: 'c', positionId: 'p1', status: 'waived' },
    ];
    const [report] = summarizeTraining([POSITION], rows, []).positions;
    expect(report).toMatchObject({
      candidates: 3,
      assignments: { total: 5, assigned: 0, overdue: 1, done: 3, waived: 1 },
      completion: { count: 3, of: 4, rate: 0.75, ci95: [0.3006, 0.9544] },
      outcome: null,
    });
  });

  it('compares completed against not completed on satisfaction: difference, Welch interval and p (hand-computed)', () => {
    const done = hires('d', [80, 81, 82, 83, 84, 85, 86, 87, 88, 89], 'done');
    const open = hires('o', [75, 76, 77, 78, 79, 80, 81, 82, 83, 84], 'assigned');
    const [report] = summarizeTraining([POSITION], [...done.rows, ...open.rows], [...done.outcomes, ...open.outcomes]).positions;
    // Equal n and variances: df = 18, se = 1.35401, t = 3.6927, interval 5 ± 2.1009 × 1.35401.
    expect(report!.outcome).toMatchObject({ completed: { n: 10, mean: 84.5 }, notCompleted: { n: 10, mean: 79.5 }, difference: 5, ci95: [2.16, 7.84], enough: true });
    expect(report!.outcome!.pValue).toBeGreaterThan(0.001);
    expect(report!.outcome!.pValue).toBeLessThan(0.01);
  });

  it(`refuses to conclude below ${MIN_TRAINING_GROUP_N} hires in a group, but still shows n and means`, () => {
    const done = hires('d', [90, 91, 92, 93, 94, 95, 96, 97, 98], 'done');
    const open = hires('o', Array(20).fill(60), 'overdue');
    const [report] = summarizeTraining([POSITION], [...done.rows, ...open.rows], [...done.outcomes, ...open.outcomes]).positions;
    expect(report!.outcome).toEqual({ metric: 'satisfaction', completed: { n: 9, mean: 94 }, notCompleted: { n: 20, mean: 60 }, difference: null, ci95: null, pValue: null, enough: false });
  });

  it('a hire counts as completed only when every course not waived is done; hires without performance are left out', () => {
    const rows: TrainingRow[] = [
      { applicationId: 'x', positionId: 'p1', status: 'done' },
      { applicationId: 'x', positionId: 'p1', status: 'waived' },
      { applicationId: 'y', positionId: 'p1', status: 'done' },
      { applicationId: 'y', positionId: 'p1', status: 'assigned' },
      { applicationId: 'z', positionId: 'p1', status: 'done' },
    ];
    const outcomes: HireOutcome[] = [
      { applicationId: 'x', positionId: 'p1', satisfaction: 90 },
      { applicationId: 'y', positionId: 'p1', satisfaction: 70 },
      { applicationId: 'z', positionId: 'p1', satisfaction: null },
    ];
    const [report] = summarizeTraining([POSITION], rows, outcomes).positions;
    expect(report!.outcome).toMatchObject({ completed: { n: 1, mean: 90 }, notCompleted: { n: 1, mean: 70 } });
  });

  it('recovers a known effect from synthetic data: +5 points within the interval; no effect gives no small p', () => {
    const done = hires('d', normalSample(300, 80, 6, 11), 'done');
    const open = hires('o', normalSample(300, 75, 6, 29), 'assigned');
    const [effect] = summarizeTraining([POSITION], [...done.rows, ...open.rows], [...done.outcomes, ...open.outcomes]).positions;
    const [lo, hi] = effect!.outcome!.ci95!;
    expect(lo).toBeLessThan(5);
    expect(hi).toBeGreaterThan(5);
    expect(effect!.outcome!.pValue).toBeLessThan(0.001);

    const same = hires('s', normalSample(300, 78, 6, 47), 'done');
    const other = hires('t', normalSample(300, 78, 6, 83), 'assigned');
    const [none] = summarizeTraining([POSITION], [...same.rows, ...other.rows], [...same.outcomes, ...other.outcomes]).positions;
    expect(none!.outcome!.pValue).toBeGreaterThan(0.01);
    expect(none!.outcome!.ci95![0]).toBeLessThan(0);
    expect(none!.outcome!.ci95![1]).toBeGreaterThan(0);
  });
});
