import { CALIBRATION_OUTCOME_LABELS, ApplyCalibrationInputSchema, type ApplyCalibrationResult, type SessionUser } from '@aireview/shared';
import type { z } from 'zod';
import { writeAudit } from '../platform/audit.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { conflict, forbidden } from '../platform/http/errors.js';
import { PERSONA_EDITORS, publishPersona } from '../personas/index.js';
import { computeCalibration } from './computeCalibration.js';

export type ApplyCalibrationCommand = z.output<typeof ApplyCalibrationInputSchema>;

/**
 * Publish the position's current calibration recommendation as a new persona version (HR and admin).
 * The recommendation is recomputed here from the database, never taken from the client; only the
 * weights change, the pass score, floors, scenarios and latency rule stay. A stale `expectedVersion`
 * is 409 concurrent_update (checked again by the publish itself), no recommendation 409
 * no_recommendation. Audited as `calibration.applied` (who, outcome, n, validities) beside the
 * personas feature's own `persona.published`.
 */
export async function applyCalibration(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser, code: string, input: ApplyCalibrationCommand): Promise<ApplyCalibrationResult> {
  if (!PERSONA_EDITORS.includes(viewer.role)) throw forbidden('forbidden', '只有 HR 和管理员可以应用校准结果');
  const calibration = await computeCalibration(deps, { code, outcome: input.outcome });
  const { position, result } = calibration;
  if (input.expectedVersion !== calibration.modelVersion) {
    throw conflict('concurrent_update', '岗位画像已被其他人修改，请刷新后重试', { expectedVersion: input.expectedVersion, currentVersion: calibration.modelVersion });
  }
  if (!result.recommended) {
    throw conflict('no_recommendation', result.reason ?? '当前没有可应用的校准建议', { reasonCode: result.reasonCode ?? null, n: result.n, minimumN: result.minimumN });
  }
  const { recommended } = result;
  const label = CALIBRATION_OUTCOME_LABELS[input.outcome];
  const note = input.note || `按${label}校准（n = ${result.n}，留出效度 ${formatR(result.current.holdoutValidity)} → ${formatR(recommended.holdoutValidity)}）`;
  const published = await publishPersona(deps, viewer, code, {
    model: { ...calibration.model, weights: recommended.weights },
    note,
    rescore: input.rescore,
    expectedVersion: input.expectedVersion,
  });
  const applied = {
    outcome: input.outcome,
    n: result.n,
    fromVersion: calibration.modelVersion,
    version: published.position.currentModelVersion,
    weights: recommended.weights,
    currentHoldoutValidity: result.current.holdoutValidity,
    recommendedHoldoutValidity: recommended.holdoutValidity,
  };
  await inTransaction(deps.ds, (em) =>
    writeAudit(em, { actorType: 'user', actorId: viewer.userId, action: 'calibration.applied', subjectType: 'position', subjectId: position.id, details: { ...applied, rescore: input.rescore ?? false } }, deps.clock.now()),
  );
  return { ...published, applied };
}

const formatR = (r: number | null) => (r === null ? '—' : r.toFixed(2));
