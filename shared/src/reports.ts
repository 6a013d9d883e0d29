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

/** Kinds of computed alerts (GET /api/v1/reports/alerts). */
export const ALERT_KINDS = ['batch_below_threshold', 'distribution_shift', 'supervisor_disagreement', 'adverse_impact'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  batch_below_threshold: '批次低分',
  distribution_shift: '分布偏移',
  supervisor_disagreement: '主管与 AI 分歧',
  adverse_impact: '群体差异',
};

/** Filters of GET /api/v1/reports/alerts: position and Asia/Shanghai days of the latest interview. */
export const AlertQuerySchema = z
  .strictObject({
    positionCode: z.string().min(1).max(64).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['to'] });
export type AlertQuery = z.infer<typeof AlertQuerySchema>;

/** One computed alert; it disappears when the data no longer supports it. */
export interface ReportAlert {
  /** Stable identity of what the alert is about (kind, position, batch, dimension, supervisor, group), for "new since yesterday". */
  key: string;
  kind: AlertKind;
  positionCode: string;
  batch?: string;
  dimension?: Dimension;
  /** supervisor_disagreement: the supervisor's DingTalk user id; adverse_impact: the lowest group. */
  group?: string;
  /** The batch's (or supervisor's, or group's) share behind the alert, 0..1. */
  share?: number;
  /** The score threshold (batch_below_threshold) or the limit crossed. */
  threshold?: number;
  /** How many applications (or decisions) the share or mean is over. */
  n: number;
  /** The trailing baseline's share or mean (peers' rate for supervisors), when there is one. */
  baseline?: number;
  pValue?: number;
  message: string;
  /** Filters of the candidate list showing the applications behind the alert. */
  candidates: { positionCode: string; batch?: string };
}

/** Per-position thresholds of the alerts (defaults in ALERT_DEFAULTS). */
export interface AlertSettings {
  /** batch_below_threshold: the score, the share at or above which a batch is flagged, and the minimum n. */
  belowScore: number;
  belowShare: number;
  minBatchN: number;
  /** The trailing baseline: weeks before the batch, its minimum n, the p-value limit. */
  baselineWeeks: number;
  minBaselineN: number;
  pLimit: number;
  /** distribution_shift: minimum |mean difference| in baseline standard deviations. */
  shiftSd: number;
  /** supervisor_disagreement: minimum decisions. */
  minDecisions: number;
  /** adverse_impact: impact ratio below this and Fisher p below fairnessP; cells under minCell suppressed. */
  impactRatio: number;
  fairnessP: number;
  minCell: number;
}

export const ALERT_DEFAULTS: AlertSettings = {
  belowScore: 70,
  belowShare: 0.6,
  minBatchN: 30,
  baselineWeeks: 8,
  minBaselineN: 30,
  pLimit: 0.01,
  shiftSd: 0.5,
  minDecisions: 20,
  impactRatio: 0.8,
  fairnessP: 0.05,
  minCell: 5,
};

export const AlertSettingsInputSchema = z.strictObject({
  belowScore: z.number().min(0).max(100).optional(),
  belowShare: z.number().gt(0).max(1).optional(),
  minBatchN: z.number().int().min(5).max(10_000).optional(),
  baselineWeeks: z.number().int().min(1).max(52).optional(),
  minBaselineN: z.number().int().min(5).max(100_000).optional(),
  pLimit: z.number().gt(0).max(0.1).optional(),
  shiftSd: z.number().gt(0).max(5).optional(),
  minDecisions: z.number().int().min(5).max(10_000).optional(),
  impactRatio: z.number().gt(0).max(1).optional(),
  fairnessP: z.number().gt(0).max(0.1).optional(),
  minCell: z.number().int().min(5).max(1000).optional(),
});
export type AlertSettingsInput = z.infer<typeof AlertSettingsInputSchema>;

/** The attributes and rates the fairness report compares. */
export const FAIRNESS_ATTRIBUTES = ['gender', 'age'] as const;
export type FairnessAttribute = (typeof FAIRNESS_ATTRIBUTES)[number];
export const FAIRNESS_RATES = ['ai_recommended', 'second_interview'] as const;
export type FairnessRate = (typeof FAIRNESS_RATES)[number];
export const AGE_BANDS = ['under25', '25to34', '35plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const FAIRNESS_LABELS = {
  attributes: { gender: '性别', age: '年龄段' } satisfies Record<FairnessAttribute, string>,
  rates: { ai_recommended: 'AI 推荐率', second_interview: '进入复试率' } satisfies Record<FairnessRate, string>,
  groups: { female: '女性', male: '男性', under25: '25 岁以下', '25to34': '25–34 岁', '35plus': '35 岁及以上' } as Record<string, string>,
};

/** One group of a fairness comparison; `rate` is null (and the counts hidden) when the group is under the minimum cell size. */
export interface FairnessGroup {
  group: string;
  label: string;
  n: number | null;
  selected: number | null;
  rate: number | null;
  suppressed: boolean;
}

/** Groups of one attribute compared on one rate: impact ratio (lowest ÷ highest) and Fisher's exact p. */
export interface FairnessComparison {
  attribute: FairnessAttribute;
  rate: FairnessRate;
  groups: FairnessGroup[];
  ratio: number | null;
  pValue: number | null;
  lowest: string | null;
  highest: string | null;
  /** ratio below the position's limit (default 0.8) with p below its limit (default 0.05). */
  flagged: boolean;
}

/** `data` of GET /api/v1/reports/fairness (HR and admin only). */
export interface FairnessReport {
  /** Applications in scope, and those with consented demographics. */
  n: number;
  withDemographics: number;
  minCell: number;
  comparisons: FairnessComparison[];
}

/** GET/PUT /api/v1/reports/alert-settings/{positionCode}: the effective thresholds, the position's own and the defaults. */
export interface AlertSettingsView {
  positionCode: string;
  settings: AlertSettings;
  overrides: AlertSettingsInput;
  defaults: AlertSettings;
}

/** File formats of GET /api/v1/reports/export. */
export const REPORT_EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

/** Query of GET /api/v1/reports/export: the report filters and the (required) file format. */
export const ReportExportQuerySchema = ReportQuerySchema.safeExtend({ format: z.enum(REPORT_EXPORT_FORMATS) });
export type ReportExportQuery = z.infer<typeof ReportExportQuerySchema>;

/** A group's mean of a performance metric (each hire's mean over their months), with n hires. */
export interface GroupMean {
  n: number;
  mean: number | null;
}

/** `data` of GET /api/v1/reports/training: training completion per position and, where performance exists, how trained hires do. */
export interface TrainingReport {
  /** Below this many hires per group the outcome comparison draws no conclusion. */
  minGroupN: number;
  positions: {
    positionCode: string;
    positionName: string;
    /** Applications with at least one course or programme assignment. */
    candidates: number;
    /** Course and programme assignments by status now. */
    assignments: { total: number; assigned: number; overdue: number; done: number; waived: number };
    /** Done out of the assignments not waived, with the Wilson 95 % interval. */
    completion: Rate;
    /**
     * Hires with a course and monthly performance: those who completed all their courses against those who
     * did not, on customer satisfaction (0–100). Null when no such hire has performance records.
     */
    outcome: {
      metric: 'satisfaction';
      completed: GroupMean;
      notCompleted: GroupMean;
      /** completed − notCompleted, its 95 % interval and Welch's two-sided p; null below minGroupN in either group. */
      difference: number | null;
      ci95: [number, number] | null;
      pValue: number | null;
      /** Both groups reach minGroupN. */
      enough: boolean;
    } | null;
  }[];
}
