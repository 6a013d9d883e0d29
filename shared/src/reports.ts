import { z } from 'zod';
import type { Dimension } from './dimensions.js';
import { BATCH_PATTERN } from './ingestion.js';
import type { Stage } from './stages.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/**
 * Filters of the reports (GET /api/v1/reports/*). `from`/`to` are Asia/Shanghai days, both included,
 * of the application's latest interview; `batch` as in BATCH_PATTERN; `source` the recruiting channel.
 */
export const ReportQuerySchema = z
  .strictObject({
    positionCode: z.string().min(1).max(64).optional(),
    from: day.optional(),
    to: day.optional(),
    batch: z.string().regex(BATCH_PATTERN).optional(),
    source: z.string().min(1).max(64).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface Distribution {
  n: number;
  mean: number | null;
  median: number | null;
  histogram: HistogramBin[];
}

/** A rate with the counts it comes from and its Wilson 95 % interval (null rate and interval when `of` is 0). */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
  ci95: [number, number] | null;
}

/** `data` of GET /api/v1/reports/summary. */
export interface ReportSummary {
  n: number;
  overall: Distribution;
  dimensions: (Distribution & { dimension: Dimension })[];
  /** Applications in each stage now, every stage listed. */
  funnel: { stage: Stage; count: number }[];
  conversion: {
    /** Of the applications a reviewer decided, those that ever reached 复试. */
    reviewedToSecondInterview: Rate;
    /** Of those that ever reached 复试, those ever hired. */
    secondInterviewToHired: Rate;
    /** Of hires whose 90 days have passed and whose retention is known, those still there at day 90. */
    hiredToRetained90d: Rate;
  };
  /** Hours from the review's start to its decision, over decided reviews. */
  cycleTime: { n: number; medianHours: number | null; p90Hours: number | null };
  supervisors: { userId: string; name: string | null; decisions: number; agreementRate: number | null; medianHours: number | null }[];
  sources: { source: string; n: number; meanOverall: number | null; secondInterviewRate: number | null }[];
}
