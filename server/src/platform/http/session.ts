import { SESSION_COOKIE, type Role, type SessionUser } from '@aireview/shared';
import type { Middleware } from 'koa';
import { forbidden, unauthorized } from './errors.js';

export interface SessionState {
  user: SessionUser;
  /** Milliseconds since epoch. */
  expiresAt: number;
  /** How the token came: a cookie (CSRF-checked on unsafe requests) or `Authorization: Bearer`. */
  via: 'cookie' | 'bearer';
}

/** The token of a request and how it came: `Authorization: Bearer …` first, then the session cookie. Never a URL. */
export function sessionTokenOf(ctx: { get(name: string): string; cookies: { get(name: string): string | undefined } }): { token: string; via: SessionState['via'] } | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('authorization'));
  if (bearer?.[1]) return { token: bearer[1], via: 'bearer' };
  const cookie = ctx.cookies.get(SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

/** Built once in createApp (auth owns sessions) and handed to every router. Both set ctx.state.session. */
export interface SessionGuards {
  /** A live session whose user still exists; 401 unauthenticated otherwise. */
  required: Middleware;
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
