import Koa from 'koa';
import { adminRouter } from './admin/index.js';
import { authRouter, sessionGuards } from './auth/index.js';
import { calibrationRouter } from './calibration/index.js';
import { candidatesRouter } from './candidates/index.js';
import { hiringRouter } from './hiring/index.js';
import { importsRouter } from './imports/index.js';
import { interviewsRouter } from './interviews/index.js';
import { openApiRouter } from './openapi/index.js';
import { personasRouter } from './personas/index.js';
import { reportsRouter } from './reports/index.js';
import { trainingRouter } from './training/index.js';
import type { Deps } from './platform/deps.js';
import { dingtalkCallbackRouter } from './platform/dingtalk/callbackRoutes.js';
import { csrfGuard } from './platform/http/csrf.js';
import { compressJson } from './platform/http/compression.js';
import { errorHandler } from './platform/http/errorHandler.js';
import { healthRouter } from './platform/http/health.js';
import { rateLimits } from './platform/http/rateLimit.js';
import { requestId } from './platform/http/requestId.js';
import { securityHeaders } from './platform/http/securityHeaders.js';
import { staticAppRouter } from './platform/http/staticApp.js';
import { reviewRouter } from './review/index.js';

/** Build the Koa app from its dependencies. server.ts and tests build it the same way. Wiring only. */
export function createApp(deps: Deps): Koa {
  // X-Forwarded-For/-Proto decide ctx.ip and ctx.protocol only behind our own proxy (TRUST_PROXY).
  const app = new Koa({ proxy: deps.settings.trustProxy });
  // A client dropping a streamed response (audio seeking does this all the time) is not an error.
  app.silent = true;
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE' && error.code !== 'ECONNRESET' && error.code !== 'EPIPE') {
      deps.log.warn({ err: error }, 'response failed after it started');
    }
  });
  app.use(requestId());
  // Before the error handler, so error and 404 responses get the headers and compression too.
  app.use(securityHeaders(deps.settings));
  app.use(compressJson());
  app.use(errorHandler(deps.log.child({ module: 'http' })));
  app.use(rateLimits(deps.ds, deps.settings.limits, deps.log.child({ module: 'http' })));
  app.use(csrfGuard(deps.settings.publicBaseUrl));
  const sessions = sessionGuards(deps);
  const routers = [
    healthRouter(deps),
    openApiRouter(deps.settings),
    interviewsRouter(deps),
    importsRouter(deps, sessions),
    dingtalkCallbackRouter(deps),
    authRouter(deps, sessions),
    candidatesRouter(deps, sessions),
    reviewRouter(deps, sessions),
    hiringRouter(deps, sessions),
    personasRouter(deps, sessions),
    calibrationRouter(deps, sessions),
    reportsRouter(deps, sessions),
    trainingRouter(deps, sessions),
    adminRouter(deps, sessions),
    staticAppRouter(deps.settings),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}
