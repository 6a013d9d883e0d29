/** Reports (issue 11, 数据看板): what other features may use — the routes and the computed alerts. */
export { reportsRouter } from './routes.js';
export { listAlerts } from './listAlerts.js';
