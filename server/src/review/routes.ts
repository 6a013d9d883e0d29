import { DecisionInputSchema, FastTrackInputSchema, RetakeInputSchema } from '@aireview/shared';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { decideFromApp } from './decideFromApp.js';
import { fastTrack } from './fastTrack.js';
import { requestRetake } from './requestRetake.js';
import { listPendingReviews } from './queries.js';
import { restartReview } from './restartReview.js';

const Id = z.object({ id: z.string().min(1).max(64) });
const decision = validate({ params: Id, body: DecisionInputSchema });
const restart = validate({ params: Id });
const retake = validate({ params: Id, body: RetakeInputSchema });
const fast = validate({ params: Id, body: FastTrackInputSchema });

/** The viewer's open reviews, decisions from the app, and HR's moves: restart a revoked approval, retake, fast-track. */
export function reviewRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1');
  const log = deps.log.child({ module: 'review' });

  router.get('/reviews/pending', sessions.required, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await listPendingReviews(deps, viewerOf(ctx)) };
  });

  /** 通过 / 不通过 / 补充测试 from the app: the same command the DingTalk callback runs. */
  router.post('/applications/:id/decision', sessions.required, decision, async (ctx) => {
    const { params, body } = decision.of(ctx);
    ctx.body = { data: await decideFromApp({ ...deps, log }, viewerOf(ctx), params.id, body, ctx.state.requestId) };
  });

  /** HR: a new DingTalk approval after the previous one was revoked in DingTalk. */
  router.post('/applications/:id/review/restart', sessions.required, restart, async (ctx) => {
    const data = await restartReview(deps, viewerOf(ctx), restart.of(ctx).params.id, ctx.state.requestId);
    ctx.status = 202;
    ctx.body = { data };
  });

  /** HR: 重新参加AI面试 — the vendor is asked for a full retake; its round opens a new review. */
  router.post('/applications/:id/retake', sessions.required, retake, async (ctx) => {
    const { params, body } = retake.of(ctx);
    ctx.body = { data: await requestRetake(deps, viewerOf(ctx), params.id, body, ctx.state.requestId) };
  });

  /** HR: 直接进入复试 — over the review, with mandatory training. */
  router.post('/applications/:id/fast-track', sessions.required, fast, async (ctx) => {
    const { params, body } = fast.of(ctx);
    ctx.body = { data: await fastTrack(deps, viewerOf(ctx), params.id, body, ctx.state.requestId) };
  });
  return router;
}
