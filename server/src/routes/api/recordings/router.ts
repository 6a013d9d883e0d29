import Router from '@koa/router';
import type { AppDeps } from '../../../app.js';
import { requireSession, sessionOf } from '../../../auth/requireSession.js';
import { AppError } from '../../../errors.js';
import { openRecording } from '../../../queries/recording.js';

/** Scenario recordings for the in-app player: streamed, with single byte ranges (206/416). */
export function recordingsRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/api/v1/recordings' });
  router.use(requireSession({ secret: deps.config.sessionSecret, ds: deps.ds, now: deps.now, allowQueryToken: true }));

  // Also answers HEAD (the router adds it for GET): headers only, no stream, no audit.
  router.get('/:scenarioResultId', async (ctx) => {
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Cache-Control', 'private, no-store');
    const recording = await openRecording({ ds: deps.ds, storage: deps.storage, now: deps.now }, sessionOf(ctx).user, {
      scenarioResultId: ctx.params.scenarioResultId ?? '',
      range: ctx.get('range') || undefined,
      head: ctx.method === 'HEAD',
      requestId: ctx.state.requestId,
    }).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'range_not_satisfiable') ctx.set('Content-Range', `bytes */${(error.details as { size: number }).size}`);
      throw error;
    });
    ctx.status = recording.status;
    ctx.body = recording.body ?? Buffer.alloc(0);
    ctx.type = recording.contentType;
    ctx.length = recording.length;
    if (recording.contentRange) ctx.set('Content-Range', recording.contentRange);
  });
  return router;
}
