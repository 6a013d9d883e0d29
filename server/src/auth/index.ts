/** What other features may use of auth: its router (sessions themselves are platform/http). */
export { authRouter } from './routes.js';
