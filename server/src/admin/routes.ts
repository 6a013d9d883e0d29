import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { listOutbox, retryOutboxMessage } from '../platform/outbox/admin.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { requireRole, viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';

const outboxQuery = validate({
  query: z.strictObject({
    status: z.enum(['pending', 'delivered', 'failed']).default('failed'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  }),
});
const byId = validate({ params: z.object({ id: z.string().min(1).max(64) }) });

/** Operations for admins: the outbox (failed deliveries and their errors), and retrying one. */
export function adminRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1/admin');
  router.use(sessions.required, requireRole(['admin'], '只有管理员可以查看'));

  router.get('/outbox', outboxQuery, async (ctx) => {
    const { status, limit } = outboxQuery.of(ctx).query;
    ctx.body = { data: await listOutbox(deps.ds, status, limit) };
  });

  router.post('/outbox/:id/retry', byId, async (ctx) => {
    ctx.body = { data: await retryOutboxMessage(deps, viewerOf(ctx).userId, byId.of(ctx).params.id) };
  });
  return router;
}
