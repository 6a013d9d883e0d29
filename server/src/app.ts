import Koa from 'koa';
import { adminRouter } from './admin/index.js';
import { authRouter } from './auth/index.js';
import { candidatesRouter } from './candidates/index.js';
import { interviewsRouter } from './interviews/index.js';
import { openApiRouter } from './openapi/index.js';
import { personasRouter } from './personas/index.js';
import type { Deps } from './platform/deps.js';
import { dingtalkCallbackRouter } from './platform/dingtalk/callbackRoutes.js';
import { errorHandler } from './platform/http/errorHandler.js';
import { healthRouter } from './platform/http/health.js';
import { requestId } from './platform/http/requestId.js';
import { sessionGuards } from './platform/http/session.js';
import { staticAppRouter } from './platform/http/staticApp.js';
import { reviewRouter } from './review/index.js';

/** Build the Koa app from its dependencies. server.ts and tests build it the same way. Wiring only. */
export function createApp(deps: Deps): Koa {
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
  const sessions = sessionGuards(deps);
  const routers = [
    healthRouter(deps),
    openApiRouter(deps.settings),
    interviewsRouter(deps),
    dingtalkCallbackRouter(deps),
    authRouter(deps, sessions),
    candidatesRouter(deps, sessions),
    reviewRouter(deps, sessions),
    personasRouter(deps, sessions),
    adminRouter(deps, sessions),
    staticAppRouter(deps.settings),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
