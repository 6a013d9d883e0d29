import type { Context, Middleware } from 'koa';
import { apiError, dialectOf, oapiError, type SandboxHttpError } from './http.js';
import { randomHex, type SandboxState } from './state.js';

/** App access tokens (DINGTALK.md §1): 7200 s; asking again while valid returns the same token, renewed. */

export interface TokenDeps {
  state: SandboxState;
  now: () => number;
  tokenTtlSeconds: number;
}

export function issueToken(deps: TokenDeps): { token: string; expiresIn: number } {
  const { state, now, tokenTtlSeconds } = deps;
  const expiresAt = now() + tokenTtlSeconds * 1000;
  for (const [token, entry] of state.tokens) {
    if (entry.expiresAt > now()) {
      entry.expiresAt = expiresAt;
      return { token, expiresIn: tokenTtlSeconds };
    }
  }
  const token = randomHex(16);
  state.tokens.set(token, { expiresAt });
  return { token, expiresIn: tokenTtlSeconds };
}

/** The token error of the path's dialect: new API HTTP 401 InvalidAuthentication; old API 40014 / 42001. */
export function tokenError(path: string, expired: boolean): SandboxHttpError {
  if (dialectOf(path) === 'api') {
    return apiError(401, 'InvalidAuthentication', expired ? 'access_token已过期' : '不合法的access_token');
  }
  return expired ? oapiError(42001, 'access_token超时') : oapiError(40014, '不合法的access_token');
}

/** The token a request presents: header on the new API, `?access_token=` on the old one. */
export function presentedToken(ctx: Context): string | undefined {
  if (dialectOf(ctx.path) === 'api') return ctx.get('x-acs-dingtalk-access-token') || undefined;
  const value = ctx.query.access_token;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function requireToken(deps: TokenDeps): Middleware {
  return async function requireAccessToken(ctx, next) {
    const token = presentedToken(ctx);
    const entry = token === undefined ? undefined : deps.state.tokens.get(token);
    if (!entry) throw tokenError(ctx.path, false);
    if (entry.expiresAt <= deps.now()) throw tokenError(ctx.path, true);
    await next();
  };
}

/** Makes the presented token expire now (used by the token_expired fault). */
export function expirePresentedToken(ctx: Context, deps: TokenDeps): void {
  const token = presentedToken(ctx);
  const entry = token === undefined ? undefined : deps.state.tokens.get(token);
  if (entry) entry.expiresAt = Math.min(entry.expiresAt, deps.now());
}
