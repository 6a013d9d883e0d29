import { describe, expect, it } from 'vitest';
import { summarize, UNKNOWN_SOURCE, type ReportApplication, type ReportReview } from './summarize.js';

/** Fixed data whose report was computed by hand (see the comments beside each expectation). */
const app = (id: string, stage: ReportApplication['stage'], overallScore: number, dimensionScores: ReportApplication['dimensionScores'], source: string | null, facts: Partial<ReportApplication> = {}): ReportApplication => ({
  id,
  stage,
  overallScore,
  dimensionScores,
  source,
  reachedSecondInterview: false,
  everHired: false,
  retained90d: null,
  ...facts,
});
const APPLICATIONS = [
  app('A1', 'in_review', 100, { serviceAwareness: 65, communication: 80 }, 'BOSS直聘'),
  app('A2', 'second_interview', 72.5, { serviceAwareness: 90 }, 'BOSS直聘', { reachedSecondInterview: true }),
  app('A3', 'hired', 88, { serviceAwareness: 70, communication: 70 }, '校园招聘', { reachedSecondInterview: true, everHired: true, retained90d: true }),
  app('A4', 'rejected', 40, { serviceAwareness: 0 }, null),
  app('A5', 'left', 81, { serviceAwareness: 99.9 }, '校园招聘', { reachedSecondInterview: true, everHired: true, retained90d: false }),
  // Rejected after 复试: it counts as having reached it.
  app('A6', 'rejected', 60, {}, 'BOSS直聘', { reachedSecondInterview: true }),
];
const T0 = new Date('2026-11-20T02:00:00Z');
const review = (applicationId: string, decidedByUserId: string, hours: number, agreedWithAi: boolean | null): ReportReview => ({
  applicationId,
  decidedByUserId,
  startedAt: T0,
  decidedAt: new Date(T0.getTime() + hours * 3_600_000),
  agreedWithAi,
});
const REVIEWS = [review('A2', 'sup_a', 2, true), review('A3', 'sup_a', 4, false), review('A4', 'sup_b', 10, true), review('A6', 'sup_b', 1, null), review('A5', 'sup_a', 6, true)];
const report = summarize({ applications: APPLICATIONS, reviews: REVIEWS, names: new Map([['sup_a', '张伟']]) });

describe('summarize', () => {
  it('counts the overall score in ten bins, 100 in the last one, with mean and median', () => {
    expect(report.n).toBe(6);
    // 40, 60, 72.5, 81, 88, 100: mean 441.5 / 6 = 73.58…, median (72.5 + 81) / 2 = 76.75.
    expect(report.overall.mean).toBe(73.6);
    expect(report.overall.median).toBe(76.8);
    expect(report.overall.histogram.map((b) => b.count)).toEqual([0, 0, 0, 0, 1, 0, 1, 1, 2, 1]);
    expect(report.overall.histogram[9]).toEqual({ from: 90, to: 100, count: 1 });
    expect(report.overall.histogram[0]).toEqual({ from: 0, to: 10, count: 0 });
  });

  it('reports each dimension over the applications that have it, and leaves out dimensions nobody has', () => {
    const service = report.dimensions.find((d) => d.dimension === 'serviceAwareness')!;
    // 0, 65, 70, 90, 99.9: mean 324.9 / 5 = 64.98, median 70; 70 opens the [70, 80) bin, 99.9 and 90 share the last.
    expect(service).toMatchObject({ n: 5, mean: 65, median: 70 });
    expect(service.histogram.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 1, 1, 0, 2]);
    expect(report.dimensions.find((d) => d.dimension === 'communication')).toMatchObject({ n: 2, mean: 75, median: 75 });
    expect(report.dimensions.map((d) => d.dimension)).toEqual(['communication', 'serviceAwareness']);
  });

  it('lists every stage in the funnel with its current count', () => {
    const counts = Object.fromEntries(report.funnel.map((f) => [f.stage, f.count]));
    expect(counts).toMatchObject({ ai_interviewed: 0, in_review: 1, supplementary_test: 0, second_interview: 1, hired: 1, left: 1, rejected: 2, withdrawn: 0 });
    expect(report.funnel.reduce((s, f) => s + f.count, 0)).toBe(6);
  });

  it('computes conversions with their counts and Wilson intervals', () => {
    // Five reviewed, four of them reached 复试 (A4 did not). Wilson 95 % for 4/5 is [0.3755, 0.9638].
    expect(report.conversion.reviewedToSecondInterview).toEqual({ count: 4, of: 5, rate: 0.8, ci95: [0.3755, 0.9638] });
    // Of A2, A3, A5, A6 at 复试, A3 and A5 were hired; of those two, A3 stayed 90 days.
    expect(report.conversion.secondInterviewToHired).toMatchObject({ count: 2, of: 4, rate: 0.5 });
    expect(report.conversion.hiredToRetained90d).toMatchObject({ count: 1, of: 2, rate: 0.5 });
  });

  it('computes cycle time overall (median, p90) and per supervisor with agreement', () => {
    // Hours 1, 2, 4, 6, 10: median 4; p90 at rank 3.6 = 6 + 0.6 × (10 − 6) = 8.4.
    expect(report.cycleTime).toEqual({ n: 5, medianHours: 4, p90Hours: 8.4 });
    expect(report.supervisors).toEqual([
      // 2, 4, 6 hours; agreed 2 of 3.
      { userId: 'sup_a', name: '张伟', decisions: 3, agreementRate: 0.6667, medianHours: 4 },
      // 10 and 1 hours; one decision has no AI comparison, so agreement is over the other one.
      { userId: 'sup_b', name: null, decisions: 2, agreementRate: 1, medianHours: 5.5 },
    ]);
  });

  it('compares channels, the unknown one by name, largest first', () => {
    expect(report.sources).toEqual([
      { source: 'BOSS直聘', n: 3, meanOverall: 77.5, secondInterviewRate: 0.6667 },
      { source: '校园招聘', n: 2, meanOverall: 84.5, secondInterviewRate: 1 },
      { source: UNKNOWN_SOURCE, n: 1, meanOverall: 40, secondInterviewRate: 0 },
    ]);
  });

  it('answers nulls rather than zeros when there is nothing to compute', () => {
    const empty = summarize({ applications: [], reviews: [], names: new Map() });
    expect(empty.n).toBe(0);
    expect(empty.overall).toMatchObject({ n: 0, mean: null, median: null });
    expect(empty.overall.histogram).toHaveLength(10);
    expect(empty.dimensions).toEqual([]);
    expect(empty.conversion.reviewedToSecondInterview).toEqual({ count: 0, of: 0, rate: null, ci95: null });
    expect(empty.cycleTime).toEqual({ n: 0, medianHours: null, p90Hours: null });
    expect(empty.supervisors).toEqual([]);
  });
});
