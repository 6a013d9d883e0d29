import { AssignmentStatusInputSchema, TrainingRulesInputSchema } from '@aireview/shared';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { requireRole, viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { publishTrainingRules, RULE_EDITORS } from './publishTrainingRules.js';
import { getTrainingRules, listOwnAssignments } from './queries.js';
import { setAssignmentStatus } from './setAssignmentStatus.js';

const Code = z.object({ code: z.string().min(1).max(64) });
const Id = z.object({ id: z.string().min(1).max(64) });
const byCode = validate({ params: Code });
const publish = validate({ params: Code, body: TrainingRulesInputSchema });
const status = validate({ params: Id, body: AssignmentStatusInputSchema });

/**
 * Training rules per position (readable by everyone signed in, published by HR and admin), HR's
 * status changes of assignments, and a hire's own list. Completions from the learning platform are
 * signed imports (imports/routes.ts).
 */
export function trainingRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1');
  router.use(sessions.required);

  router.get('/positions/:code/training-rules', byCode, async (ctx) => {
    ctx.body = { data: await getTrainingRules(deps.ds, byCode.of(ctx).params.code) };
  });

  router.put('/positions/:code/training-rules', requireRole(RULE_EDITORS, '只有 HR 和管理员可以修改培训规则'), publish, async (ctx) => {
    const { params, body } = publish.of(ctx);
    ctx.body = { data: await publishTrainingRules(deps, viewerOf(ctx), params.code, body, ctx.state.requestId) };
  });

  router.post('/training-assignments/:id/status', status, async (ctx) => {
    const { params, body } = status.of(ctx);
    ctx.body = { data: await setAssignmentStatus(deps, viewerOf(ctx), params.id, body, ctx.state.requestId) };
  });

  router.get('/me/training-assignments', async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await listOwnAssignments(deps.ds, viewerOf(ctx).userId) };
  });
  return router;
}
