import Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps } from '../../../app.js';
import { requireRole, requireSession, sessionOf } from '../../../auth/requireSession.js';
import { badRequest } from '../../../errors.js';
import { zodDetails } from '../../../middlewares/errorHandler.js';
import { listOutbox, retryOutboxMessage } from '../../../outbox/admin.js';

const OutboxQuerySchema = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).default('failed'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Operations for admins: the outbox (failed deliveries and their errors), and retrying one. */
export function adminRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/api/v1/admin' });
  router.use(requireSession({ secret: deps.config.sessionSecret, ds: deps.ds, now: deps.now }), requireRole(['admin'], '只有管理员可以查看'));

  router.get('/outbox', async (ctx) => {
    const parsed = OutboxQuerySchema.safeParse(ctx.query);
    if (!parsed.success) throw badRequest('invalid_query', '查询条件不正确', zodDetails(parsed.error));
    ctx.body = { data: await listOutbox(deps.ds, parsed.data.status, parsed.data.limit) };
  });

  router.post('/outbox/:id/retry', async (ctx) => {
    ctx.body = { data: await retryOutboxMessage({ ds: deps.ds, now: deps.now }, sessionOf(ctx).user.userId, ctx.params.id ?? '') };
    deps.onOutbox?.();
  });
  return router;
}
