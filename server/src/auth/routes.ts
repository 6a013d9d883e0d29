import { LoginInputSchema, SandboxCodeInputSchema, type SessionInfo } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import { createRouter, type AppRouter } from '../platform/http/router.js';
import { sessionOf, sessionTokenOf, type SessionGuards } from '../platform/http/session.js';
import { validate } from '../platform/http/validate.js';
import { clearedSessionCookie, secureCookies, sessionCookie } from './cookie.js';
import { loginWithDingTalk, sandboxLoginCode } from './login.js';
import { clientConfig, departmentNames } from './queries.js';
import { closeSession } from './sessions.js';

const login = validate({ body: LoginInputSchema });
const sandboxCode = validate({ body: SandboxCodeInputSchema });

/** Login (DingTalk 免登), the current session, logout, and what the app needs before login. */
export function authRouter(deps: Deps, sessions: SessionGuards): AppRouter {
  const router = createRouter('/api/v1');
  const { settings } = deps;
  const secure = secureCookies(settings.publicBaseUrl);

  router.post('/auth/dingtalk', login, async (ctx) => {
    const outcome = await loginWithDingTalk(deps, login.of(ctx).body.authCode, { ip: ctx.ip, requestId: ctx.state.requestId });
    ctx.append('Set-Cookie', sessionCookie(outcome.token, { maxAgeMs: settings.sessionTtlMs, secure, now: deps.clock.now() }));
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { user: outcome.user, expiresAt: outcome.expiresAt.toISOString(), departments: outcome.departments } satisfies SessionInfo };
  });

  router.post('/auth/logout', async (ctx) => {
    await closeSession(deps, sessionTokenOf(ctx)?.token ?? null, ctx.state.requestId);
    ctx.append('Set-Cookie', clearedSessionCookie(secure, deps.clock.now()));
    ctx.body = { data: null };
  });

  router.get('/me', sessions.required, async (ctx) => {
    const { user, expiresAt } = sessionOf(ctx);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { data: { user, expiresAt: new Date(expiresAt).toISOString(), departments: await departmentNames(deps.ds, user.departmentIds) } satisfies SessionInfo };
  });

  router.get('/client-config', async (ctx) => {
    ctx.body = { data: await clientConfig(deps.ds, settings.dingtalk) };
  });

  // Sandbox mode only (elsewhere the route does not exist: 404).
  if (settings.dingtalk.sandbox) {
    router.post('/auth/sandbox-code', sandboxCode, async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { data: await sandboxLoginCode(settings.dingtalk, sandboxCode.of(ctx).body.userId) };
    });
  }
  return router;
}
