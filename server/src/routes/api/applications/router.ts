import { ApplicationListQuerySchema, DecisionInputSchema } from '@aireview/shared';
import Router from '@koa/router';
import type { AppDeps } from '../../../app.js';
import { requireSession, sessionOf } from '../../../auth/requireSession.js';
import { badRequest } from '../../../errors.js';
import { zodDetails } from '../../../middlewares/errorHandler.js';
import { viewApplicationFile } from '../../../queries/applicationFile.js';
import { listApplications, listSources } from '../../../queries/listApplications.js';
import { decideFromApp } from '../../../review/decideFromApp.js';
import { restartReview } from '../../../review/restartReview.js';
import { bodyOf, jsonBody } from '../jsonBody.js';

/** The candidate list (keyset-paginated) and one candidate file, within the viewer's scope. */
export function applicationsRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/api/v1/applications' });
  router.use(requireSession({ secret: deps.config.sessionSecret, ds: deps.ds, now: deps.now }));
  const reviewDeps = { ds: deps.ds, dingtalk: deps.dingtalk, log: deps.log.child({ module: 'review' }), settings: deps.review, now: deps.now, kick: deps.onOutbox };

  router.get('/', async (ctx) => {
    const parsed = ApplicationListQuerySchema.safeParse(ctx.query);
    if (!parsed.success) throw badRequest('invalid_query', '查询条件不正确', zodDetails(parsed.error));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await listApplications(deps.ds, sessionOf(ctx).user, parsed.data) };
  });

  /** Recruiting channels within the viewer's scope, for the 来源 filter. Registered before `/:id`. */
  router.get('/sources', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await listSources(deps.ds, sessionOf(ctx).user) };
  });

  router.get('/:id', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await viewApplicationFile({ ds: deps.ds, now: deps.now }, sessionOf(ctx).user, ctx.params.id ?? '', ctx.state.requestId) };
  });

  /** 通过 / 不通过 / 补充测试 from the app: the same command the DingTalk callback runs. */
  router.post('/:id/decision', jsonBody(), async (ctx) => {
    const input = bodyOf(ctx, DecisionInputSchema);
    ctx.body = { data: await decideFromApp(reviewDeps, sessionOf(ctx).user, ctx.params.id ?? '', input, ctx.state.requestId) };
  });

  /** HR: a new DingTalk approval after the previous one was revoked in DingTalk. */
  router.post('/:id/review/restart', async (ctx) => {
    const data = await restartReview(reviewDeps, sessionOf(ctx).user, ctx.params.id ?? '', ctx.state.requestId);
    ctx.status = 202;
    ctx.body = { data };
  });
  return router;
}
