import { ALERT_DEFAULTS, type AlertSettingsInput, type AlertSettingsView, type SessionUser } from '@aireview/shared';
import { writeAudit } from '../platform/audit.js';
import { Position } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { findPositionByCode } from '../personas/index.js';
import { alertSettingsOf } from './listAlerts.js';

export function presentAlertSettings(position: Pick<Position, 'code' | 'alertSettings'>): AlertSettingsView {
  return { positionCode: position.code, settings: alertSettingsOf(position), overrides: position.alertSettings ?? {}, defaults: ALERT_DEFAULTS };
}

/** Replace a position's own alert thresholds (those left out fall back to the defaults; `{}` resets all); audited. */
export async function updateAlertSettings(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser, code: string, input: AlertSettingsInput): Promise<AlertSettingsView> {
  const position = await findPositionByCode(deps.ds, code);
  const now = deps.clock.now();
  const overrides = Object.keys(input).length === 0 ? null : input;
  await inTransaction(deps.ds, async (em) => {
    await em.update(Position, { id: position.id }, { alertSettings: overrides, updatedAt: now });
    await writeAudit(em, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'reports.alert_settings_updated',
      subjectType: 'position',
      subjectId: position.id,
      details: { settings: input, previous: position.alertSettings },
    }, now);
  });
  return presentAlertSettings({ code: position.code, alertSettings: overrides });
}
