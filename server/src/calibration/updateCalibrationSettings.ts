import { CalibrationSettingsInputSchema, type CalibrationSettingsView, type SessionUser } from '@aireview/shared';
import type { z } from 'zod';
import { writeAudit } from '../platform/audit.js';
import { Position } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { forbidden } from '../platform/http/errors.js';
import { PERSONA_EDITORS, findPositionByCode } from '../personas/index.js';

export type CalibrationSettingsCommand = z.output<typeof CalibrationSettingsInputSchema>;

/** Set the hires a position needs before calibration recommends weights (HR and admin); audited. */
export async function updateCalibrationSettings(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser, code: string, input: CalibrationSettingsCommand): Promise<CalibrationSettingsView> {
  if (!PERSONA_EDITORS.includes(viewer.role)) throw forbidden('forbidden', '只有 HR 和管理员可以修改校准设置');
  const position = await findPositionByCode(deps.ds, code);
  const now = deps.clock.now();
  await inTransaction(deps.ds, async (em) => {
    await em.update(Position, { id: position.id }, { calibrationMinimumN: input.minimumN, updatedAt: now });
    await writeAudit(em, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'calibration.settings_updated',
      subjectType: 'position',
      subjectId: position.id,
      details: { minimumN: input.minimumN, previousMinimumN: position.calibrationMinimumN },
    }, now);
  });
  return { positionCode: position.code, minimumN: input.minimumN };
}
