import { PublishModelInputSchema } from '@aireview/shared';
import { z } from 'zod';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { requireRole, viewerOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { PERSONA_EDITORS } from './access.js';
import { publishPersona } from './publishPersona.js';
import { listModelVersions, listPositions } from './queries.js';

const Code = z.object({ code: z.string().min(1).max(64) });
const byCode = validate({ params: Code });
const publish = validate({ params: Code, body: PublishModelInputSchema });

/** Positions and their personas (画像): readable by everyone signed in, published by HR and admin. */
export function personasRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1/positions');
  router.use(sessions.required);

  router.get('/', async (ctx) => {
    ctx.body = { data: await listPositions(deps.ds) };
  });

  router.get('/:code/models', byCode, async (ctx) => {
    ctx.body = { data: await listModelVersions(deps.ds, byCode.of(ctx).params.code) };
  });

  router.put('/:code/model', requireRole(PERSONA_EDITORS, '只有 HR 和管理员可以修改岗位画像'), publish, async (ctx) => {
    const { params, body } = publish.of(ctx);
    ctx.body = { data: await publishPersona(deps, viewerOf(ctx), params.code, body) };
  });
  return router;
}
