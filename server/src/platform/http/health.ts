import type { Deps } from '../deps.js';
import { AppError } from './errors.js';
import { createRouter, type AppRouter } from './router.js';

/** Liveness (process up) and readiness (database reachable, migrations applied). */
export function healthRouter(deps: Pick<Deps, 'ds'>): AppRouter {
  const router = createRouter();
  router.get('/healthz', (ctx) => {
    ctx.body = { data: { status: 'ok' } };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await deps.ds.query('SELECT 1');
    } catch (error) {
      throw new AppError(503, 'not_ready', `数据库不可用：${(error as Error).message}`);
    }
    if (await deps.ds.showMigrations()) throw new AppError(503, 'not_ready', '数据库迁移尚未执行完毕');
    ctx.body = { data: { status: 'ready', database: deps.ds.options.type } };
  });
  return router;
}
