import type { Deps } from '../platform/deps.js';
import { checkRetention } from './checkRetention.js';
import { linkEmployees } from './linkEmployees.js';

/** The hiring feature's periodic work: link onboarded hires to their DingTalk user, then read departures. */
export async function runHiringJobs(deps: Deps): Promise<void> {
  await linkEmployees(deps);
  await checkRetention(deps);
}
