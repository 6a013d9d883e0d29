import { ApplicationListQuerySchema } from '@aireview/shared';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { openRecording } from './openRecording.js';
import { listApplications, listSources } from './queries.js';
import { viewApplicationFile } from './viewApplicationFile.js';

const byId = validate({ params: z.object({ id: z.string().min(1).max(64) }) });
const byScenarioResult = validate({ params: z.object({ scenarioResultId: z.string().min(1).max(64) }) });
const listQuery = validate({ query: ApplicationListQuerySchema });

/** The candidate list (keyset-paginated), one candidate file and its recordings, within the viewer's scope. */
export function candidatesRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1');

  router.get('/applications', sessions.required, listQuery, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await listApplications(deps.ds, viewerOf(ctx), listQuery.of(ctx).query) };
  });

  /** Recruiting channels within the viewer's scope, for the 来源 filter. Registered before `/:id`. */
  router.get('/applications/sources', sessions.required, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await listSources(deps.ds, viewerOf(ctx)) };
  });

  router.get('/applications/:id', sessions.required, byId, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await viewApplicationFile(deps, viewerOf(ctx), byId.of(ctx).params.id, ctx.state.requestId) };
  });

  /** For the in-app player: streamed, with single byte ranges (206/416). Also answers HEAD: headers only, no audit. */
  router.get('/recordings/:scenarioResultId', sessions.media, byScenarioResult, async (ctx) => {
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Cache-Control', 'private, no-store');
    const { scenarioResultId } = byScenarioResult.of(ctx).params;
    const recording = await openRecording(deps, viewerOf(ctx), { scenarioResultId, range: ctx.get('range') || undefined, head: ctx.method === 'HEAD', requestId: ctx.state.requestId });
    const { range, size } = recording;
    ctx.status = range ? 206 : 200;
    ctx.body = recording.body ?? Buffer.alloc(0);
    ctx.type = recording.contentType;
    ctx.length = size === 0 ? 0 : range ? range.end - range.start + 1 : size;
    if (range) ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  });
  return router;
}
