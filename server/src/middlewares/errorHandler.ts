import type { ErrorBody } from '@aireview/shared';
import type { Middleware } from 'koa';
import { ZodError } from 'zod';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Zod issues as `{ path, message }` with dotted paths, e.g. `scenarios.0.scores.communication`. */
export function zodDetails(error: ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** The one place errors become HTTP responses. Unknown errors are logged and answered as a bare 500. */
export function errorHandler(log: Logger): Middleware {
  return async function errorHandlerMiddleware(ctx, next) {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: '未找到请求的资源' } } satisfies ErrorBody;
      }
    } catch (error) {
      let body: ErrorBody;
      if (error instanceof AppError) {
        ctx.status = error.status;
        body = { error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } };
        if (error.status >= 500) log.error({ err: error, requestId: ctx.state.requestId }, 'request failed');
        else log.info({ code: error.code, status: error.status, path: ctx.path, requestId: ctx.state.requestId }, 'request refused');
      } else if (error instanceof ZodError) {
        ctx.status = 422;
        body = { error: { code: 'invalid_payload', message: '请求内容不符合要求', details: zodDetails(error) } };
      } else {
        log.error({ err: error, path: ctx.path, requestId: ctx.state.requestId }, 'unhandled error');
        ctx.status = 500;
        body = { error: { code: 'internal_error', message: '服务器内部错误' } };
      }
      ctx.body = body;
    }
  };
}
