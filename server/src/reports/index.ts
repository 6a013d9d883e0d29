/** Reports (issue 11, 数据看板): what other features may use — the routes, the computed alerts, the daily alert notice. */
export { reportsRouter } from './routes.js';
export { listAlerts } from './listAlerts.js';
export { reportHandlers } from './handlers.js';
export { runReportJobs } from './jobs.js';
export { REPORT_KINDS } from './kinds.js';
