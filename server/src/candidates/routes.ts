import { ApplicationListQuerySchema } from '@aireview/shared';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter, type AppState } from '../platform/http/router.js';
import { viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { openRecording } from './openRecording.js';
import { listSources } from './queries.js';
import { createRecordingLink, presentsRecordingLink, viewerOfRecordingLink } from './recordingLinks.js';
import { searchApplications } from './searchApplications.js';
import { viewApplicationFile } from './viewApplicationFile.js';

const byId = validate({ params: z.object({ id: z.string().min(1).max(64) }) });
const scenarioResultParams = z.object({ scenarioResultId: z.string().min(1).max(64) });
const byScenarioResult = validate({ params: scenarioResultParams });
/** A recording by session or by link (`u`, `exp`, `sig`); anything else in the query (e.g. `access_token`) is ignored. */
const byRecordingRequest = validate({
  params: scenarioResultParams,
  query: z.object({ u: z.string().max(64).optional(), exp: z.string().max(16).optional(), sig: z.string().max(128).optional() }),
});
const listQuery = validate({ query: ApplicationListQuerySchema });

/** The candidate list (keyset-paginated), one candidate file and its recordings, within the viewer's scope. */
export function candidatesRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1');

  router.get('/applications', sessions.required, listQuery, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await searchApplications(deps, viewerOf(ctx), listQuery.of(ctx).query, ctx.state.requestId) };
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

  /** A short-lived URL for `<audio src>`: this recording, this user (the same visibility as the file). */
  router.get('/recordings/:scenarioResultId/link', sessions.required, byScenarioResult, async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: await createRecordingLink(deps, viewerOf(ctx), byScenarioResult.of(ctx).params.scenarioResultId) };
  });

  /** A link decides when the request presents one; otherwise a session (cookie or Bearer) is required. */
  const sessionUnlessLink: Middleware<AppState> = async function sessionUnlessLinkMiddleware(ctx, next) {
    if (presentsRecordingLink(byRecordingRequest.of(ctx).query)) return next();
    return sessions.required(ctx, next);
  };

  /** For the in-app player: streamed, with single byte ranges (206/416). Also answers HEAD: headers only, no audit. */
  router.get('/recordings/:scenarioResultId', byRecordingRequest, sessionUnlessLink, async (ctx) => {
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Cache-Control', 'private, no-store');
    const { params, query } = byRecordingRequest.of(ctx);
    const { scenarioResultId } = params;
    const byLink = presentsRecordingLink(query);
    const viewer = byLink ? await viewerOfRecordingLink(deps, scenarioResultId, query) : viewerOf(ctx);
    const recording = await openRecording(deps, viewer, { scenarioResultId, range: ctx.get('range') || undefined, head: ctx.method === 'HEAD', requestId: ctx.state.requestId, via: byLink ? 'link' : 'session' });
    const { range, size } = recording;
    ctx.status = range ? 206 : 200;
    ctx.body = recording.body ?? Buffer.alloc(0);
    ctx.type = recording.contentType;
    ctx.length = size === 0 ? 0 : range ? range.end - range.start + 1 : size;
    if (range) ctx.set('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  });
  return router;
}
