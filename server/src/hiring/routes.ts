import { OutcomeInputSchema } from '@aireview/shared';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { recordOutcome } from './recordOutcome.js';

const Id = z.object({ id: z.string().min(1).max(64) });
const outcome = validate({ params: Id, body: OutcomeInputSchema });

/** After 复试: HR record the outcome (录用 / 未通过 / 候选人放弃). */
export function hiringRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1');

  router.post('/applications/:id/outcome', sessions.required, outcome, async (ctx) => {
    const { params, body } = outcome.of(ctx);
    ctx.body = { data: await recordOutcome(deps, viewerOf(ctx), params.id, body, ctx.state.requestId) };
  });
  return router;
}
