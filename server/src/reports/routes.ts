import { ReportQuerySchema } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { requireRole, viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { summarizeReports } from './summarizeReports.js';

const filters = validate({ query: ReportQuerySchema });
/** Staff see no candidate data, so no report either; supervisors see their own scope. */
const readers = requireRole(['admin', 'hr', 'supervisor'], '只有 HR、管理员和主管可以查看数据看板');

/** 数据看板: reports over the applications in the viewer's scope. */
export function reportsRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1/reports');
  router.use(sessions.required);

  router.get('/summary', readers, filters, async (ctx) => {
    ctx.body = { data: await summarizeReports(deps, viewerOf(ctx), filters.of(ctx).query) };
  });
  return router;
}
