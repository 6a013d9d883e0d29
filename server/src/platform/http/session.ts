import { SESSION_COOKIE, type Role, type SessionUser } from '@aireview/shared';
import type { Middleware } from 'koa';
import type { Deps } from '../deps.js';
import { User } from '../db/entities/index.js';
import { forbidden, unauthorized } from './errors.js';
import { sessionUserOf, verifySession } from './sessionToken.js';

export interface SessionState {
  user: SessionUser;
  /** Milliseconds since epoch. */
  expiresAt: number;
}

/**
 * The token of a request: `Authorization: Bearer …` first, then the session cookie, then (only where
 * allowed: media an `<audio>` element fetches without headers) the `access_token` query parameter.
 */
export function sessionTokenOf(
  ctx: { get(name: string): string; cookies: { get(name: string): string | undefined }; query?: Record<string, string | string[] | undefined> },
  allowQueryToken = false,
): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  if (bearer?.[1]) return bearer[1];
  const cookie = ctx.cookies.get(SESSION_COOKIE);
  if (cookie) return cookie;
  const query = allowQueryToken ? ctx.query?.access_token : undefined;
  return typeof query === 'string' && query !== '' ? query : null;
}

export interface SessionGuards {
  /** A valid session (Bearer token or cookie) whose user still exists; 401 unauthenticated otherwise. */
  required: Middleware;
  /** The same, also accepting `?access_token=` (for `<audio src>`). */
  media: Middleware;
}

/**
 * Built once in createApp and handed to every router. The token's signature and expiry are checked,
 * and that its user still exists; the role stays the one granted at login. Sets ctx.state.session.
 */
export function sessionGuards(deps: Pick<Deps, 'ds' | 'clock' | 'settings'>): SessionGuards {
  const guard = (allowQueryToken: boolean): Middleware =>
    async function requireSessionMiddleware(ctx, next) {
      const token = sessionTokenOf(ctx, allowQueryToken);
      if (!token) throw unauthorized('unauthenticated', '请先登录');
      const payload = verifySession(deps.settings.sessionSecret, token, deps.clock.now().getTime());
      if (!payload) throw unauthorized('unauthenticated', '登录已失效，请重新登录');
      if (!(await deps.ds.getRepository(User).existsBy({ dingtalkUserId: payload.sub }))) {
        throw unauthorized('unauthenticated', '用户不存在，请重新登录');
      }
      ctx.state.session = { user: sessionUserOf(payload), expiresAt: payload.exp } satisfies SessionState;
      await next();
    };
  return { required: guard(false), media: guard(true) };
}

/** The session set by the guard. */
export function sessionOf(ctx: { state: { session?: SessionState } }): SessionState {
  if (!ctx.state.session) throw unauthorized('unauthenticated', '请先登录');
  return ctx.state.session;
}

/** The signed-in user (after a session guard). */
export function viewerOf(ctx: { state: { session?: SessionState } }): SessionUser {
  return sessionOf(ctx).user;
}

/** After a session guard: 403 forbidden unless the session's role is one of `roles`. */
export function requireRole(roles: readonly Role[], message = '没有权限执行此操作'): Middleware {
  return async function requireRoleMiddleware(ctx, next) {
    if (!roles.includes(sessionOf(ctx).user.role)) throw forbidden('forbidden', message);
    await next();
  };
}
