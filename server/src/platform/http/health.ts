import type { Deps } from '../deps.js';
import { AppError } from './errors.js';
import { createRouter, type AppRouter } from './router.js';

const NOT_READY_MESSAGE = '服务尚未就绪';

/**
 * Liveness (process up) and readiness (database reachable, migrations applied). Not ready is a 503
 * `not_ready` that says nothing about the database (anyone may ask); the driver's error is logged.
 */
export function healthRouter(deps: Pick<Deps, 'ds' | 'log'>): AppRouter {
  const router = createRouter();
  const log = deps.log.child({ module: 'health' });
  router.get('/healthz', (ctx) => {
    ctx.body = { data: { status: 'ok' } };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await deps.ds.query('SELECT 1');
    } catch (error) {
      log.warn({ err: error }, 'not ready: database unreachable');
      throw new AppError(503, 'not_ready', NOT_READY_MESSAGE);
    }
    if (await deps.ds.showMigrations()) {
      log.warn('not ready: migrations pending');
      throw new AppError(503, 'not_ready', NOT_READY_MESSAGE);
    }
    ctx.body = { data: { status: 'ready', database: deps.ds.options.type } };
  });
  return router;
}
