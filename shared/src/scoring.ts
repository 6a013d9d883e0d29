import { z } from 'zod';
import { DIMENSIONS, DimensionScoresSchema, ScoreSchema, type Dimension, type DimensionScores } from './dimensions.js';
import type { Recommendation } from './ingestion.js';

/** Scenarios answered within this many seconds count as "on time" in latency summaries. */
export const LATENCY_THRESHOLD_SEC = 30;
/** How far below the pass score a candidate is still "borderline". */
export const BORDERLINE_MARGIN = 5;
const WEIGHT_TOLERANCE = 0.001;
/** Slack for float error in `passScore - BORDERLINE_MARGIN` (68.4 - 5 is just above 63.4). */
const SCORE_EPSILON = 1e-9;

/**
 * A position's persona (画像) as an evaluation model: which dimensions count and how much,
 * the pass score, per-dimension floors, required scenarios and an optional latency rule.
 */
export const EvaluationModelSchema = z
  .strictObject({
    weights: z.partialRecord(z.enum(DIMENSIONS), z.number().gt(0).max(1)),
    passScore: ScoreSchema,
    floors: DimensionScoresSchema.default({}),
    requiredScenarios: z.array(z.string().min(1).max(64)).max(50).default([]),
    /** Off unless set: subtract points per scenario answered slower than `thresholdSec`. */
    latencyPenalty: z
      .strictObject({
        thresholdSec: z.number().positive().max(600),
        pointsPerSlowScenario: z.number().positive().max(20),
        maxPoints: z.number().positive().max(50),
      })
      .optional(),
  })
  .superRefine((model, ctx) => {
    const weighted = Object.keys(model.weights);
    if (weighted.length === 0) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'at least one dimension must be weighted' });
    const sum = weightSum(model.weights);
    if (weighted.length > 0 && Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `weights must sum to 1 (got ${round(sum, 4)})` });
    }
  });
export type EvaluationModel = z.infer<typeof EvaluationModelSchema>;
export type EvaluationModelInput = z.input<typeof EvaluationModelSchema>;

export interface ScoredScenario {
  scenarioId?: string;
  responseLatencySec: number;
  scores: DimensionScores;
}

export interface LatencySummary {
  scenarioCount: number;
  withinThresholdCount: number;
  /** Share (0..1) of scenarios answered within the threshold. */
  withinThresholdShare: number;
  meanSec: number;
  maxSec: number;
  thresholdSec: number;
}

export interface Evaluation {
  dimensionScores: DimensionScores;
  overallScore: number;
  recommendation: Recommendation;
  floorsMissed: Dimension[];
  latencyPenalty: number;
  latency: LatencySummary;
}

export function round(value: number, decimals = 1): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

export function weightSum(weights: DimensionScores): number {
  return Object.values(weights).reduce<number>((sum, w) => sum + (w ?? 0), 0);
}

export function weightedDimensions(model: Pick<EvaluationModel, 'weights'>): Dimension[] {
  return DIMENSIONS.filter((d) => (model.weights[d] ?? 0) > 0);
}

/**
 * Per-dimension score: the vendor's explicit `dimensionScores[d]` when given,
 * otherwise the mean of that dimension across the scenarios that scored it. One decimal.
 */
export function resolveDimensionScores(scenarios: readonly ScoredScenario[], explicit?: DimensionScores): DimensionScores {
  const result: DimensionScores = {};
  for (const dimension of DIMENSIONS) {
    const given = explicit?.[dimension];
    if (given !== undefined) {
      result[dimension] = round(given);
      continue;
    }
    const values = scenarios.map((s) => s.scores[dimension]).filter((v): v is number => v !== undefined);
    if (values.length > 0) result[dimension] = round(values.reduce((a, b) => a + b, 0) / values.length);
  }
  return result;
}

/** Dimensions the model weighs that have no score. */
export function missingDimensions(model: Pick<EvaluationModel, 'weights'>, scores: DimensionScores): Dimension[] {
  return weightedDimensions(model).filter((d) => scores[d] === undefined);
}

/** Σ weight·score over the weighted dimensions, one decimal. Throws when a weighted dimension is missing. */
export function computeOverall(model: Pick<EvaluationModel, 'weights'>, scores: DimensionScores): number {
  let total = 0;
  for (const dimension of weightedDimensions(model)) {
    const score = scores[dimension];
    if (score === undefined) throw new Error(`missing score for weighted dimension ${dimension}`);
    total += (model.weights[dimension] ?? 0) * score;
  }
  return round(Math.min(100, Math.max(0, total)));
}

export function floorsMissed(model: Pick<EvaluationModel, 'floors'>, scores: DimensionScores): Dimension[] {
  return DIMENSIONS.filter((d) => {
    const floor = model.floors[d];
    const score = scores[d];
    return floor !== undefined && score !== undefined && score < floor;
  });
}

/**
 * recommended: overall ≥ pass and every floor met.
 * borderline: within BORDERLINE_MARGIN below pass with every floor met, or at/above pass with exactly one floor missed.
 * not_recommended: anything else.
 */
export function recommend(passScore: number, overall: number, missedFloorCount: number): Recommendation {
  if (overall >= passScore && missedFloorCount === 0) return 'recommended';
  if (missedFloorCount === 0 && overall >= passScore - BORDERLINE_MARGIN - SCORE_EPSILON) return 'borderline';
  if (missedFloorCount === 1 && overall >= passScore) return 'borderline';
  return 'not_recommended';
}

export function summarizeLatency(scenarios: readonly Pick<ScoredScenario, 'responseLatencySec'>[], thresholdSec = LATENCY_THRESHOLD_SEC): LatencySummary {
  const latencies = scenarios.map((s) => s.responseLatencySec);
  const within = latencies.filter((l) => l <= thresholdSec).length;
  const count = latencies.length;
  return {
    scenarioCount: count,
    withinThresholdCount: within,
    withinThresholdShare: count === 0 ? 0 : round(within / count, 3),
    meanSec: count === 0 ? 0 : round(latencies.reduce((a, b) => a + b, 0) / count),
    maxSec: count === 0 ? 0 : Math.max(...latencies),
    thresholdSec,
  };
}

export function latencyPenaltyPoints(model: Pick<EvaluationModel, 'latencyPenalty'>, scenarios: readonly Pick<ScoredScenario, 'responseLatencySec'>[]): number {
  const rule = model.latencyPenalty;
  if (!rule) return 0;
  const slow = scenarios.filter((s) => s.responseLatencySec > rule.thresholdSec).length;
  return round(Math.min(rule.maxPoints, slow * rule.pointsPerSlowScenario));
}

/** Score one interview round with an evaluation model. Callers check `missingDimensions` first. */
export function evaluate(model: EvaluationModel, scenarios: readonly ScoredScenario[], explicit?: DimensionScores): Evaluation {
  const dimensionScores = resolveDimensionScores(scenarios, explicit);
  const penalty = latencyPenaltyPoints(model, scenarios);
  const overallScore = round(Math.max(0, computeOverall(model, dimensionScores) - penalty));
  const missed = floorsMissed(model, dimensionScores);
  return {
    dimensionScores,
    overallScore,
    recommendation: recommend(model.passScore, overallScore, missed.length),
    floorsMissed: missed,
    latencyPenalty: penalty,
    latency: summarizeLatency(scenarios),
  };
}
