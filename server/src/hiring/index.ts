/** What other features may use of hiring: outcomes, 智能人事 pre-entries, employee links and retention. */
export { hiringRouter } from './routes.js';
export { hiringHandlers } from './handlers.js';
export { runHiringJobs } from './jobs.js';
export { HIRING_KINDS, preEntryEffect } from './kinds.js';
export { recordOutcome } from './recordOutcome.js';
export { retention90dOf, dueCheckpointOf, RETENTION_CHECKPOINT_DAYS } from './retention.js';
export { shanghaiDay, shanghaiHour, shanghaiMidnight, addDays } from '../platform/dates.js';
