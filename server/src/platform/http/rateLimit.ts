import type { Context, Middleware } from 'koa';
import { RateLimiterMemory, RateLimiterMySQL, RateLimiterRes, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { tooManyRequests } from './errors.js';

/** The table the migrations create in rate-limiter-flexible's own shape (key, points, expire). */
const TABLE = 'rate_limits';
const WINDOW_SEC = 60;

export interface Limiter {
  /** Count one request for `key`; 429 rate_limited with Retry-After once the minute's budget is spent. */
  consume(key: string): Promise<void>;
}

/**
 * A per-minute budget counted in the database, so every instance behind the load balancer shares it.
 * Should the database not answer, an in-memory limiter per instance takes over (the request is not
 * refused for that).
 */
export function databaseLimiter(ds: DataSource, name: string, pointsPerMinute: number): Limiter {
  const common = { keyPrefix: name, points: pointsPerMinute, duration: WINDOW_SEC, tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false };
  const insuranceLimiter = new RateLimiterMemory({ keyPrefix: name, points: pointsPerMinute, duration: WINDOW_SEC });
  const driver = ds.driver as unknown as { pool?: unknown; databaseConnection?: unknown; database?: string };
  const limiter: RateLimiterAbstract =
    ds.options.type === 'mysql'
      ? new RateLimiterMySQL({ ...common, storeClient: driver.pool, storeType: 'pool', dbName: driver.database ?? String(ds.options.database ?? ''), insuranceLimiter })
      : new RateLimiterSQLite({ ...common, storeClient: driver.databaseConnection, storeType: 'better-sqlite3', insuranceLimiter });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) throw tooManyRequests(refusal.msBeforeNext / 1000);
        throw refusal;
      }
    },
  };
}

interface Rule {
  matches(ctx: Context): boolean;
  limiter: Limiter;
}

/**
 * Per client IP: DingTalk login and sandbox login codes, the signed vendor and import API and DingTalk callbacks.
 * The client IP is the socket's unless TRUST_PROXY is set (then X-Forwarded-For's, see app.ts).
 * Per signed-in user limits are applied by the session guard.
 */
export function rateLimits(ds: DataSource, limits: Config['limits'], log: Logger): Middleware {
  const rules: Rule[] = [
    {
      matches: (ctx) => ctx.method === 'POST' && (ctx.path === '/api/v1/auth/dingtalk' || ctx.path === '/api/v1/auth/sandbox-code'),
      limiter: databaseLimiter(ds, 'login', limits.loginPerMinute),
    },
    {
      // The signed vendor and import API (the HR upload is a session route, limited per user).
      matches: (ctx) => ctx.path.startsWith('/api/v1/interview-results') || ctx.path.startsWith('/api/v1/imports/') || ctx.path === '/api/v1/performance-records',
      limiter: databaseLimiter(ds, 'ingest', limits.ingestPerMinute),
    },
    { matches: (ctx) => ctx.path.startsWith('/dingtalk/callback'), limiter: databaseLimiter(ds, 'callback', limits.callbackPerMinute) },
  ];
  return async function rateLimitMiddleware(ctx, next) {
    const rule = rules.find((r) => r.matches(ctx));
    if (rule) {
      try {
        await rule.limiter.consume(`ip:${ctx.ip}`);
      } catch (error) {
        log.warn({ ip: ctx.ip, path: ctx.path }, 'rate limited');
        throw error;
      }
    }
    await next();
  };
}
