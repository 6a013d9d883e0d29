/** Calibration (issue 10): what other features may use — its routes, the computed calibration and the pure statistics. */
export { calibrationRouter } from './routes.js';
export { computeCalibration, type Calibration } from './computeCalibration.js';
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
