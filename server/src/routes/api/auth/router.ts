import { LoginInputSchema, SandboxCodeInputSchema, type SessionInfo } from '@aireview/shared';
import Router from '@koa/router';
import type { AppDeps } from '../../../app.js';
import { clearedSessionCookie, secureCookies, sessionCookie } from '../../../auth/cookie.js';
import { loginWithDingTalk, sandboxLoginCode } from '../../../auth/login.js';
import { requireSession, sessionOf } from '../../../auth/requireSession.js';
import { clientConfig } from '../../../queries/clientConfig.js';
import { departmentNames } from '../../../queries/departments.js';
import { bodyOf, jsonBody } from '../jsonBody.js';

/** Login (DingTalk 免登), the current session, logout, and what the app needs before login. */
export function authRouter(deps: AppDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const secure = secureCookies(deps.config.publicBaseUrl);
  const session = requireSession({ secret: deps.config.sessionSecret, ds: deps.ds, now: deps.now });

  router.post('/auth/dingtalk', jsonBody(), async (ctx) => {
    const { authCode } = bodyOf(ctx, LoginInputSchema);
    const outcome = await loginWithDingTalk(
      { ds: deps.ds, dingtalk: deps.dingtalk, log: deps.log, roles: deps.config.roles, sessionSecret: deps.config.sessionSecret, sessionTtlMs: deps.config.sessionTtlMs, now: deps.now },
      authCode,
    );
    ctx.append('Set-Cookie', sessionCookie(outcome.token, { maxAgeMs: deps.config.sessionTtlMs, secure }));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { user: outcome.user, token: outcome.token, expiresAt: outcome.expiresAt.toISOString(), departments: outcome.departments } satisfies SessionInfo };
  });

  router.post('/auth/logout', (ctx) => {
    ctx.append('Set-Cookie', clearedSessionCookie(secure));
    ctx.body = { data: null };
  });

  router.get('/me', session, async (ctx) => {
    const { user, expiresAt } = sessionOf(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { user, expiresAt: new Date(expiresAt).toISOString(), departments: await departmentNames(deps.ds, user.departmentIds) } satisfies SessionInfo };
  });

  router.get('/client-config', async (ctx) => {
    ctx.body = { data: await clientConfig(deps.ds, deps.config.dingtalk) };
  });

  // Sandbox mode only (elsewhere the route does not exist: 404).
  if (deps.config.dingtalk.sandbox) {
    router.post('/auth/sandbox-code', jsonBody(), async (ctx) => {
      const { userId } = bodyOf(ctx, SandboxCodeInputSchema);
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await sandboxLoginCode(deps.config.dingtalk, userId) };
    });
  }

  return router;
}
