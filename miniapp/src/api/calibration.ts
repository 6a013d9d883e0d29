import type { ApplyCalibrationInput, ApplyCalibrationResult, CalibrationOutcome, CalibrationSettingsInput, CalibrationSettingsView, CalibrationView } from '@aireview/shared';
import { request } from './http';

const base = (positionCode: string) => `/positions/${encodeURIComponent(positionCode)}/calibration`;

/** HR and admin: which dimensions predict the outcome among the position's hires, and recommended weights. */
export function getCalibration(positionCode: string, outcome: CalibrationOutcome, signal?: AbortSignal): Promise<CalibrationView> {
  return request<CalibrationView>(base(positionCode), { query: { outcome }, signal });
}

/**
 * Publishes the server's current recommendation as a new persona version. `expectedVersion` is the
 * version the recommendation was read against (`concurrent_update` if someone published meanwhile);
 * `no_recommendation` when there is none any more.
 */
export function applyCalibration(positionCode: string, input: ApplyCalibrationInput): Promise<ApplyCalibrationResult> {
  return request<ApplyCalibrationResult>(`${base(positionCode)}/apply`, { method: 'POST', body: input });
}

export function updateCalibrationSettings(positionCode: string, input: CalibrationSettingsInput): Promise<CalibrationSettingsView> {
  return request<CalibrationSettingsView>(`${base(positionCode)}/settings`, { method: 'PUT', body: input });
}
