import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

const SAFE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Echo a caller's X-Request-Id (when sane) or mint one; available as ctx.state.requestId. */
export function requestId(): Middleware {
  return async function requestIdMiddleware(ctx, next) {
    const given = ctx.get('x-request-id');
    const id = SAFE_ID.test(given) ? given : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    await next();
  };
}
