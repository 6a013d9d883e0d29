import type { Context, Middleware } from 'koa';
import { randomUUID } from 'node:crypto';

/**
 * Error and body plumbing. The sandbox answers in three dialects:
 * - `api`     new API (api.dingtalk.com, /v1.0/…): HTTP 4xx/5xx + {code, message, requestid}
 * - `oapi`    old API (oapi.dingtalk.com): HTTP 200 + {errcode, errmsg, request_id}
 * - `control` our own /__sandbox API: {error: {code, message}}
 */
export type Dialect = 'api' | 'oapi' | 'control';

export function dialectOf(path: string): Dialect {
  if (path.startsWith('/v1.0/')) return 'api';
  if (path === '/' || path.startsWith('/__sandbox')) return 'control';
  return 'oapi';
}

export function requestId(): string {
  return randomUUID().toUpperCase();
}

/** An error that already knows its HTTP status and body. */
export class SandboxHttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>, message?: string) {
    super(message ?? JSON.stringify(body));
    this.name = 'SandboxHttpError';
    this.status = status;
    this.body = body;
  }
}

export function apiError(status: number, code: string, message: string): SandboxHttpError {
  return new SandboxHttpError(status, { code, message, requestid: requestId() });
}

export function oapiError(errcode: number, errmsg: string, status = 200): SandboxHttpError {
  return new SandboxHttpError(status, { errcode, errmsg, request_id: requestId() });
}

export function controlError(status: number, code: string, message: string): SandboxHttpError {
  return new SandboxHttpError(status, { error: { code, message } });
}

/** "Bad parameter" in the dialect of the path. */
export function invalidParameter(path: string, message: string): SandboxHttpError {
  switch (dialectOf(path)) {
    case 'api':
      return apiError(400, 'invalidParameter', message);
    case 'oapi':
      return oapiError(400002, `不合法的参数: ${message}`);
    case 'control':
      return controlError(400, 'bad_request', message);
  }
}

/** "System error" in the dialect of the path. */
export function systemError(path: string, status = 500): SandboxHttpError {
  switch (dialectOf(path)) {
    case 'api':
      return apiError(status, 'systemError', '系统错误');
    case 'oapi':
      return oapiError(-1, '系统繁忙', status);
    case 'control':
      return controlError(status, 'internal_error', 'sandbox internal error');
  }
}

/** Renders SandboxHttpError; anything else becomes the dialect's system error (never a stack trace). */
export function errorHandler(onUnexpected: (error: unknown, ctx: Context) => void): Middleware {
  return async function sandboxErrorHandler(ctx, next) {
    try {
      await next();
    } catch (error) {
      const known = error instanceof SandboxHttpError ? error : systemError(ctx.path);
      if (!(error instanceof SandboxHttpError)) onUnexpected(error, ctx);
      ctx.status = known.status;
      ctx.body = known.body;
    }
  };
}

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads JSON or form-encoded bodies into `ctx.state.body` (object; `{}` when empty). */
export function bodyReader(): Middleware {
  return async function readBody(ctx, next) {
    ctx.state.body = {};
    if (ctx.method === 'POST' || ctx.method === 'PUT') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) throw invalidParameter(ctx.path, 'request body too large');
        chunks.push(chunk);
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      ctx.state.body = parseBody(ctx, raw);
    }
    await next();
  };
}

function parseBody(ctx: Context, raw: string): Record<string, unknown> {
  if (raw.trim() === '') return {};
  const type = ctx.get('content-type');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    throw invalidParameter(ctx.path, `request body is not valid JSON (${(error as Error).message})`);
  }
  if (!isRecord(parsed)) throw invalidParameter(ctx.path, 'request body must be a JSON object');
  return parsed;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function body(ctx: Context): Record<string, unknown> {
  return ctx.state.body as Record<string, unknown>;
}

/** A required non-empty string field (numbers are accepted and stringified, as DingTalk does). */
export function requiredString(ctx: Context, source: Record<string, unknown>, field: string): string {
  const value = source[field];
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value === '') throw invalidParameter(ctx.path, `${field} is mandatory`);
  return value;
}

export function optionalString(ctx: Context, source: Record<string, unknown>, field: string): string | undefined {
  const value = source[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw invalidParameter(ctx.path, `${field} must be a string`);
  return value;
}

/** A required integer; numeric strings are accepted (form-encoded TOP calls send strings). */
export function requiredInteger(ctx: Context, source: Record<string, unknown>, field: string): number {
  const value = source[field];
  const number = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw invalidParameter(ctx.path, `${field} must be an integer`);
  return number;
}

export function optionalInteger(ctx: Context, source: Record<string, unknown>, field: string): number | undefined {
  return source[field] === undefined || source[field] === null ? undefined : requiredInteger(ctx, source, field);
}

/** DingTalk's detail-API time format: UTC, minute precision, e.g. `2022-08-31T11:52Z`. */
export function dingTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16)}Z`;
}
