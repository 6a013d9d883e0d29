import { DEFAULT_CALIBRATION_MINIMUM_N, type CalibrationOutcome, type EvaluationModel } from '@aireview/shared';
import { EvaluationModelVersion, type Position } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { shanghaiDay } from '../hiring/index.js';
import { findPositionByCode } from '../personas/index.js';
import { recommendWeights, type WeightRecommendation } from './fit.js';
import { loadCalibrationRows } from './queries.js';

export interface Calibration {
  position: Position;
  outcome: CalibrationOutcome;
  /** The persona version the figures were computed against, and its model. */
  modelVersion: number;
  model: EvaluationModel;
  result: WeightRecommendation;
}

/**
 * A position's calibration against one outcome, computed from the database as it is now: the current
 * persona's weighted dimensions against its hires' outcomes (see fit.ts for the statistics). Read-only;
 * the GET endpoint presents it and applyCalibration recomputes it before publishing.
 */
export async function computeCalibration(deps: Pick<Deps, 'ds' | 'clock'>, input: { code: string; outcome: CalibrationOutcome }): Promise<Calibration> {
  const position = await findPositionByCode(deps.ds, input.code);
  const current = await deps.ds.getRepository(EvaluationModelVersion).findOneByOrFail({ positionId: position.id, version: position.currentModelVersion });
  const rows = await loadCalibrationRows(deps.ds, position.id, input.outcome, shanghaiDay(deps.clock.now()));
  const result = recommendWeights({ rows, currentWeights: current.model.weights, minimumN: position.calibrationMinimumN ?? DEFAULT_CALIBRATION_MINIMUM_N });
  return { position, outcome: input.outcome, modelVersion: current.version, model: current.model, result };
}
