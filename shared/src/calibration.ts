import { z } from 'zod';
import type { PositionView, PublishModelResult } from './api.js';
import type { Dimension } from './dimensions.js';

/**
 * Calibration (校准): which interview dimensions predict a position's job performance, and a
 * recommended weight vector HR can publish as a new persona version.
 */

/** Performance outcomes calibration can be run against. Higher is better for every one. */
export const CALIBRATION_OUTCOMES = ['satisfaction', 'resolutionRate', 'qaScore', 'retained90d'] as const;
export type CalibrationOutcome = (typeof CALIBRATION_OUTCOMES)[number];

export const CALIBRATION_OUTCOME_LABELS: Record<CalibrationOutcome, string> = {
  satisfaction: '满意度',
  resolutionRate: '解决率',
  qaScore: '质检分',
  retained90d: '90天留存',
};

/** Hires with an outcome needed before a recommendation, when the position sets none. */
export const DEFAULT_CALIBRATION_MINIMUM_N = 160;
export const CALIBRATION_MINIMUM_N_RANGE = { min: 20, max: 100_000 } as const;

/** GET /api/v1/positions/:code/calibration?outcome= */
export const CalibrationQuerySchema = z.strictObject({ outcome: z.enum(CALIBRATION_OUTCOMES) });

/** PUT /api/v1/positions/:code/calibration/settings (HR and admin). */
export const CalibrationSettingsInputSchema = z.strictObject({
  minimumN: z.number().int().min(CALIBRATION_MINIMUM_N_RANGE.min).max(CALIBRATION_MINIMUM_N_RANGE.max),
});
export type CalibrationSettingsInput = z.input<typeof CalibrationSettingsInputSchema>;

/** POST /api/v1/positions/:code/calibration/apply (HR and admin): publish the recommendation as a new version. */
export const ApplyCalibrationInputSchema = z.strictObject({
  outcome: z.enum(CALIBRATION_OUTCOMES),
  /** The persona version the recommendation was read against; anything newer → 409 concurrent_update. */
  expectedVersion: z.number().int().min(1),
  /** The new version's note; a generated one naming the outcome, n and validities when empty. */
  note: z.string().trim().max(500).optional(),
  /** Re-score the position's existing rounds with the new version. */
  rescore: z.boolean().optional(),
});
export type ApplyCalibrationInput = z.input<typeof ApplyCalibrationInputSchema>;

export type CalibrationWeights = Partial<Record<Dimension, number>>;

export interface CalibrationDimensionView {
  dimension: Dimension;
  n: number;
  pearson: number | null;
  spearman: number | null;
  /** Fisher-z 95 % interval of Pearson's r; null below 4 hires. */
  ci95: [number, number] | null;
}

/** `data` of GET /api/v1/positions/:code/calibration. */
export interface CalibrationView {
  positionCode: string;
  outcome: CalibrationOutcome;
  /** Hires (hired or left, imported included) with this outcome and every weighted dimension score. */
  n: number;
  /** Hires with the outcome left out for a missing dimension score. */
  skipped: number;
  minimumN: number;
  /** The position's own minimum, or null when it uses the default. */
  minimumNConfigured: number | null;
  sufficient: boolean;
  reasonCode?: 'insufficient_n' | 'no_signal';
  /** Why there is no recommendation (Chinese, for the H5 app). */
  reason?: string;
  /**
   * True when the figures come from hires only (always, once there are any): their scores were
   * range-restricted by selection, so correlations understate the validity among all applicants.
   */
  rangeRestricted: boolean;
  dimensions: CalibrationDimensionView[];
  current: { modelVersion: number; weights: CalibrationWeights; validity: number | null; holdoutValidity: number | null };
  recommended: null | { weights: CalibrationWeights; holdoutValidity: number; improvement: number };
}

/** `data` of PUT /api/v1/positions/:code/calibration/settings. */
export interface CalibrationSettingsView {
  positionCode: string;
  minimumN: number;
}

/** `data` of POST /api/v1/positions/:code/calibration/apply: the published version and what it came from. */
export interface ApplyCalibrationResult {
  position: PositionView;
  rescore: PublishModelResult['rescore'];
  applied: {
    outcome: CalibrationOutcome;
    n: number;
    fromVersion: number;
    version: number;
    weights: CalibrationWeights;
    currentHoldoutValidity: number | null;
    recommendedHoldoutValidity: number;
  };
}
