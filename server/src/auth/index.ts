/** What other features and the wiring may use of auth: its router and the session guards. */
export { authRouter } from './routes.js';
export { openSession, sessionGuards } from './sessions.js';
export { resolveUser } from './roles.js';
