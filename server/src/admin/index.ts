/** Admin operations: the outbox view and retry. */
export { adminRouter } from './routes.js';
