import Koa from 'koa';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { DingTalkPort } from './dingtalk/port.js';
import type { Logger } from './logger.js';
import { errorHandler } from './middlewares/errorHandler.js';
import { requestId } from './middlewares/requestId.js';
import { appApiRouters } from './routes/api/index.js';
import { appRouter } from './routes/app/router.js';
import { dingtalkCallbackRouter } from './routes/dingtalk/callback.js';
import { healthRouter } from './routes/health/router.js';
import { interviewResultsRouter } from './routes/interviewResults/router.js';
import { openApiRouter } from './routes/openapi/router.js';
import type { ReviewSettings } from './review/deps.js';
import type { RecordingStorage } from './storage/storage.js';

export interface AppDeps {
  config: Config;
  ds: DataSource;
  storage: RecordingStorage;
  log: Logger;
  /** Current time; tests pin it. */
  now?: () => Date;
  /** Milliseconds since epoch for signature windows; tests pin it. */
  clock?: () => number;
  /** The DingTalk boundary (the real client, or a client pointed at the sandbox). */
  dingtalk: DingTalkPort;
  /** Review workflow settings (approval originator, HR, links, vendor webhook, timings). */
  review: ReviewSettings;
  /** Called after a request wrote outbox rows (wakes the outbox worker). */
  onOutbox?: () => void;
}

/** Build the Koa app from its dependencies. main.ts and tests build it the same way. */
export function createApp(deps: AppDeps): Koa {
  const app = new Koa({ proxy: true });
  // A client dropping a streamed response (audio seeking does this all the time) is not an error.
  app.silent = true;
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE' && error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
      deps.log.warn({ err: error }, 'response failed after it started');
    }
  });
  app.use(requestId());
  app.use(errorHandler(deps.log.child({ module: 'http' })));
  for (const router of [healthRouter(deps), openApiRouter(deps), interviewResultsRouter(deps), dingtalkCallbackRouter(deps), ...appApiRouters(deps), appRouter(deps)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
