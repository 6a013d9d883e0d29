import Router from '@koa/router';
import type { AppDeps } from '../../../app.js';
import { requireSession, sessionOf } from '../../../auth/requireSession.js';
import { listPendingReviews } from '../../../queries/pendingReviews.js';

/** The viewer's open reviews. */
export function reviewsRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/api/v1/reviews' });
  router.use(requireSession({ secret: deps.config.sessionSecret, ds: deps.ds, now: deps.now }));

  router.get('/pending', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await listPendingReviews({ ds: deps.ds, now: deps.now }, sessionOf(ctx).user) };
  });
  return router;
}
