import type { Deps } from '../platform/deps.js';
import { digestAlerts } from './digestAlerts.js';

/** The reports feature's periodic work: the daily alert notice to HR. */
export async function runReportJobs(deps: Deps): Promise<void> {
  await digestAlerts(deps);
}
