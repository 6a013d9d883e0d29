import Koa from 'koa';
import type { DataSource } from 'typeorm';
import type { Config } from './config.js';
import type { DingTalkPort } from './dingtalk/port.js';
import type { Logger } from './logger.js';
import { errorHandler } from './middlewares/errorHandler.js';
import { requestId } from './middlewares/requestId.js';
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
  app.use(requestId());
  app.use(errorHandler(deps.log.child({ module: 'http' })));
  for (const router of [healthRouter(deps), openApiRouter(deps), interviewResultsRouter(deps), dingtalkCallbackRouter(deps)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
