import type { Middleware } from 'koa';
import { tooManyRequests } from './errors.js';

export interface ConcurrencyLimitOptions {
  /** Requests in flight per client through this middleware. */
  max: number;
  /** Sent as `Retry-After` with the 429. */
  retryAfterSec: number;
  message: string;
}

/**
 * At most `max` requests per client IP (`ctx.ip`, which honours X-Forwarded-For only when the app
 * trusts its proxy) in flight at once; the next gets 429 rate_limited with Retry-After. The count lives
 * in this process's memory, so it is per instance. A slot is released when the response closes —
 * answered, refused, failed or abandoned by the client — exactly once.
 */
export function concurrencyLimit(options: ConcurrencyLimitOptions): Middleware {
  const inFlight = new Map<string, number>();
  return async function concurrencyLimitMiddleware(ctx, next) {
    const client = ctx.ip;
    const count = inFlight.get(client) ?? 0;
    if (count >= options.max) throw tooManyRequests(options.retryAfterSec, options.message);
    inFlight.set(client, count + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (inFlight.get(client) ?? 1) - 1;
      if (left > 0) inFlight.set(client, left);
      else inFlight.delete(client);
    };
    if (ctx.res.closed) release();
    else ctx.res.once('close', release);
    await next();
  };
}
