import { SESSION_COOKIE } from '@aireview/shared';
import type { Middleware } from 'koa';
import { forbidden } from './errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    // Not a URL (e.g. `Origin: null` from a sandboxed frame): no origin to trust.
    return null;
  }
}

/**
 * Cookie-authenticated unsafe requests (anything but GET/HEAD/OPTIONS carrying the session cookie
 * and no `Authorization` header) must come from our own origin: `Origin`, or `Referer` where a
 * browser sends no Origin, must be PUBLIC_BASE_URL's origin or the request's own. Otherwise
 * `403 csrf_refused`, before any route runs. Bearer requests cannot be forged cross-site (a browser
 * adds no Authorization header by itself), so they pass.
 */
export function csrfGuard(publicBaseUrl: string): Middleware {
  const ours = new URL(publicBaseUrl).origin;
  return async function csrfGuardMiddleware(ctx, next) {
    if (!SAFE_METHODS.has(ctx.method) && ctx.cookies.get(SESSION_COOKIE) && !ctx.get('authorization')) {
      const claimed = ctx.get('origin') ? originOf(ctx.get('origin')) : ctx.get('referer') ? originOf(ctx.get('referer')) : null;
      const own = `${ctx.protocol}://${ctx.host}`;
      if (claimed === null || (claimed !== ours && claimed !== own)) {
        throw forbidden('csrf_refused', '请求来源不可信，已拒绝');
      }
    }
    await next();
  };
}
