/** Reports (issue 11, 数据看板): what other features may use — the routes. */
export { reportsRouter } from './routes.js';
