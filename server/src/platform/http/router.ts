import Router from '@koa/router';
import type { SessionState } from './session.js';
import type { StagedBody } from './streamBody.js';

/** What middleware puts on ctx.state for the routes after it. */
export interface AppState {
  requestId: string;
  /** Set by the session guard. */
  session?: SessionState;
  /** Set by rawBody: the exact bytes, for signatures. */
  rawBody?: Buffer;
  mediaType?: string;
  /** Set by a signature middleware before the body is read: the headers it checked. */
  signature?: { timestamp: string; signature: string };
  /** Set by an upload middleware: the body, streamed to staged storage. */
  upload?: StagedBody;
  /** Set by jsonBody. */
  json?: unknown;
  /** Set by validate. */
  input?: unknown;
}

export type AppRouter = Router<AppState>;

/** A router of the app; every feature's routes.ts builds its routes on one. */
export function createRouter(prefix?: string): AppRouter {
  return new Router<AppState>(prefix ? { prefix } : {});
}
