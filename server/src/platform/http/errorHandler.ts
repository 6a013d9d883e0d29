import type { ErrorBody } from '@aireview/shared';
import type { Middleware } from 'koa';
import { ZodError } from 'zod';
import { CallbackCryptoError } from '../dingtalk/callbackCrypto.js';
import { NotAnEventError } from '../dingtalk/events.js';
import { isDingTalkError, type DingTalkError } from '../dingtalk/port.js';
import { scrubText, type Logger } from '../logger.js';
import { AppError, badRequest, unauthorized } from './errors.js';

/** Zod issues as `{ path, message }` with dotted paths, e.g. `scenarios.0.scores.communication`. */
export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** A DingTalk failure as the app's users see it: a bad login code is theirs to fix, the rest is DingTalk's. */
function fromDingTalk(error: DingTalkError): AppError {
  if (error.kind === 'auth_code') return unauthorized('bad_auth_code', '登录码无效或已过期，请重新进入应用');
  return new AppError(error.retryable ? 503 : 502, 'dingtalk_unavailable', '暂时无法连接钉钉，请稍后重试');
}

/** A callback that failed DingTalk's signature, decryption or owner check. */
function fromCallbackCrypto(error: CallbackCryptoError): AppError {
  if (error.kind === 'bad_signature') return unauthorized('bad_signature', '回调签名校验失败');
  if (error.kind === 'wrong_owner') return badRequest('wrong_owner', '回调不属于本应用');
  return badRequest('undecryptable', '回调内容无法解密');
}

/** Known error types as AppErrors; null for anything unexpected. */
function toAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError(422, 'invalid_payload', '请求内容不符合要求', zodDetails(error));
  if (isDingTalkError(error)) return fromDingTalk(error);
  if (error instanceof CallbackCryptoError) return fromCallbackCrypto(error);
  if (error instanceof NotAnEventError) return badRequest('not_an_event', '回调内容不是事件');
  return null;
}

/**
 * The one place errors become HTTP responses: `{ error: { code, message, details? } }`.
 * Unknown errors are logged and answered as a bare 500 with nothing internal in it. The logger's error
 * serializer keeps SQL parameters and candidates' contact details out of the log (see logger.ts).
 */
export function errorHandler(log: Logger): Middleware {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: '未找到请求的资源' } } satisfies ErrorBody;
      }
    } catch (error) {
      const known = toAppError(error);
      const requestId = ctx.state.requestId as string | undefined;
      if (!known) {
        log.error({ err: error, path: ctx.path, requestId }, 'unhandled error');
        ctx.status = 500;
        ctx.body = { error: { code: 'internal_error', message: '服务器内部错误' } } satisfies ErrorBody;
        return;
      }
      if (known.status >= 500) log.error({ err: error, path: ctx.path, requestId }, 'request failed');
      else if (known !== error) log.warn({ code: known.code, status: known.status, path: ctx.path, ip: ctx.ip, reason: scrubText((error as Error).message), requestId }, 'request refused');
      else log.info({ code: known.code, status: known.status, path: ctx.path, requestId }, 'request refused');
      if (known.code === 'range_not_satisfiable') ctx.set('Content-Range', `bytes */${(known.details as { size: number }).size}`);
      if (known.code === 'rate_limited') ctx.set('Retry-After', String((known.details as { retryAfterSec: number }).retryAfterSec));
      ctx.status = known.status;
      ctx.body = { error: { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) } } satisfies ErrorBody;
    }
  };
}
