import type { CalibrationView } from '@aireview/shared';
import type { Calibration } from './computeCalibration.js';

export function presentCalibration(calibration: Calibration): CalibrationView {
  const { position, result } = calibration;
  return {
    positionCode: position.code,
    outcome: calibration.outcome,
    n: result.n,
    skipped: result.skipped,
    minimumN: result.minimumN,
    minimumNConfigured: position.calibrationMinimumN,
    sufficient: result.sufficient,
    ...(result.reasonCode ? { reasonCode: result.reasonCode } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
    // Only hires have outcomes: every figure here is range-restricted by selection.
    rangeRestricted: result.n > 0,
    dimensions: result.dimensions.map((d) => ({ dimension: d.dimension, n: d.n, pearson: d.pearson, spearman: d.spearman, ci95: d.ci95 ? [d.ci95[0], d.ci95[1]] : null })),
    current: { modelVersion: calibration.modelVersion, weights: result.current.weights, validity: result.current.validity, holdoutValidity: result.current.holdoutValidity },
    recommended: result.recommended,
  };
}
