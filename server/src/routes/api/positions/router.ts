import { PublishModelInputSchema } from '@aireview/shared';
import Router from '@koa/router';
import type { AppDeps } from '../../../app.js';
import { requireRole, requireSession, sessionOf } from '../../../auth/requireSession.js';
import { PERSONA_EDITORS } from '../../../auth/scope.js';
import { listModelVersions, listPositions } from '../../../queries/positions.js';
import { bodyOf, jsonBody } from '../jsonBody.js';
import { publishPersona } from '../../../commands/publishPersona.js';

/** Positions and their personas (画像): readable by everyone signed in, published by HR and admin. */
export function positionsRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/api/v1/positions' });
  router.use(requireSession({ secret: deps.config.sessionSecret, ds: deps.ds, now: deps.now }));

  router.get('/', async (ctx) => {
    ctx.body = { data: await listPositions(deps.ds) };
  });

  router.get('/:code/models', async (ctx) => {
    ctx.body = { data: await listModelVersions(deps.ds, ctx.params.code ?? '') };
  });

  router.put('/:code/model', requireRole(PERSONA_EDITORS, '只有 HR 和管理员可以修改岗位画像'), jsonBody(), async (ctx) => {
    const input = bodyOf(ctx, PublishModelInputSchema);
    ctx.body = { data: await publishPersona({ ds: deps.ds, now: deps.now }, sessionOf(ctx).user, ctx.params.code ?? '', input) };
  });
  return router;
}
