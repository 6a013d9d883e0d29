import { DIMENSIONS, STAGES, type DimensionScores, type Distribution, type Rate, type ReportSummary, type Stage } from '@aireview/shared';
import { histogram, medianOf, percentileOf, wilsonInterval } from './stats.js';

/** One application in scope, with what its history says (loaded by queries.ts). */
export interface ReportApplication {
  id: string;
  stage: Stage;
  overallScore: number;
  dimensionScores: DimensionScores;
  source: string | null;
  /** It entered 复试 at some point (whatever came after). */
  reachedSecondInterview: boolean;
  /** It was hired at some point (hired or left now). */
  everHired: boolean;
  /** See hiring's retention90dOf: null while unknown or not yet due. */
  retained90d: boolean | null;
}

/** A decided review of an application in scope. */
export interface ReportReview {
  applicationId: string;
  decidedByUserId: string | null;
  startedAt: Date;
  decidedAt: Date;
  agreedWithAi: boolean | null;
}

export interface ReportData {
  applications: readonly ReportApplication[];
  reviews: readonly ReportReview[];
  /** Display names by DingTalk user id. */
  names: ReadonlyMap<string, string>;
}

/** Channels without a source are reported under this name. */
export const UNKNOWN_SOURCE = '未知来源';
const HOUR_MS = 3_600_000;

const round = (value: number | null, decimals: number) => (value === null ? null : Math.round(value * 10 ** decimals) / 10 ** decimals);
const meanOf = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length);

function distribution(values: readonly number[]): Distribution {
  return { n: values.length, mean: round(meanOf(values), 1), median: round(medianOf(values), 1), histogram: histogram(values) };
}

export function rate(count: number, of: number): Rate {
  return { count, of, rate: of === 0 ? null : round(count / of, 4), ci95: of === 0 ? null : (wilsonInterval(count, of)?.map((v) => round(v, 4)!) as [number, number]) };
}

const hoursOf = (r: ReportReview) => (r.decidedAt.getTime() - r.startedAt.getTime()) / HOUR_MS;

/**
 * The summary report of the applications in scope: score distributions (current scores), the funnel of
 * current stages, conversion rates with their counts and intervals, review cycle time overall and per
 * supervisor with agreement with the AI, and the channels compared. Plain computation, no I/O.
 */
export function summarize(data: ReportData): ReportSummary {
  const { applications, reviews } = data;
  const byId = new Map(applications.map((a) => [a.id, a]));

  const funnelCounts = new Map<Stage, number>(STAGES.map((s) => [s, 0]));
  for (const a of applications) funnelCounts.set(a.stage, (funnelCounts.get(a.stage) ?? 0) + 1);

  const reviewed = [...new Set(reviews.map((r) => r.applicationId))].flatMap((id) => byId.get(id) ?? []);
  const second = applications.filter((a) => a.reachedSecondInterview);
  const hires = applications.filter((a) => a.everHired);
  const retentionKnown = hires.filter((a) => a.retained90d !== null);

  const hours = reviews.map(hoursOf);
  const bySupervisor = new Map<string, ReportReview[]>();
  for (const r of reviews) {
    if (!r.decidedByUserId) continue;
    bySupervisor.set(r.decidedByUserId, [...(bySupervisor.get(r.decidedByUserId) ?? []), r]);
  }

  const bySource = new Map<string, ReportApplication[]>();
  for (const a of applications) {
    const key = a.source ?? UNKNOWN_SOURCE;
    bySource.set(key, [...(bySource.get(key) ?? []), a]);
  }

  return {
    n: applications.length,
    overall: distribution(applications.map((a) => a.overallScore)),
    dimensions: DIMENSIONS.flatMap((dimension) => {
      const values = applications.flatMap((a) => (typeof a.dimensionScores[dimension] === 'number' ? [a.dimensionScores[dimension]!] : []));
      return values.length === 0 ? [] : [{ dimension, ...distribution(values) }];
    }),
    funnel: STAGES.map((stage) => ({ stage, count: funnelCounts.get(stage) ?? 0 })),
    conversion: {
      reviewedToSecondInterview: rate(reviewed.filter((a) => a.reachedSecondInterview).length, reviewed.length),
      secondInterviewToHired: rate(second.filter((a) => a.everHired).length, second.length),
      hiredToRetained90d: rate(retentionKnown.filter((a) => a.retained90d === true).length, retentionKnown.length),
    },
    cycleTime: { n: hours.length, medianHours: round(medianOf(hours), 1), p90Hours: round(percentileOf(hours, 0.9), 1) },
    supervisors: [...bySupervisor.entries()]
      .map(([userId, decided]) => {
        const judged = decided.filter((r) => r.agreedWithAi !== null);
        return {
          userId,
          name: data.names.get(userId) ?? null,
          decisions: decided.length,
          agreementRate: judged.length === 0 ? null : round(judged.filter((r) => r.agreedWithAi).length / judged.length, 4),
          medianHours: round(medianOf(decided.map(hoursOf)), 1),
        };
      })
      .sort((a, b) => b.decisions - a.decisions || a.userId.localeCompare(b.userId)),
    sources: [...bySource.entries()]
      .map(([source, group]) => ({
        source,
        n: group.length,
        meanOverall: round(meanOf(group.map((a) => a.overallScore)), 1),
        secondInterviewRate: round(group.filter((a) => a.reachedSecondInterview).length / group.length, 4),
      }))
      .sort((a, b) => b.n - a.n || a.source.localeCompare(b.source)),
  };
}
