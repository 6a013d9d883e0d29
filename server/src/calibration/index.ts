/** Calibration (issue 10): what other features may use. Pure statistics; no database, no HTTP. */
export {
  CALIBRATION_DEFAULTS,
  holdoutSplit,
  isHoldout,
  nonNegativeLeastSquares,
  recommendWeights,
  roundWeights,
  type CalibrationReasonCode,
  type CalibrationRow,
  type DimensionCorrelation,
  type NnlsResult,
  type RecommendWeightsInput,
  type WeightRecommendation,
  type Weights,
} from './fit.js';
export { excludesZero, fisherInterval, pearson, spearman, type Interval } from './stats.js';
