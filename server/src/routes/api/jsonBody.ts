import type { Context, Middleware } from 'koa';
import type { z } from 'zod';
import { badRequest, unprocessable } from '../../errors.js';
import { zodDetails } from '../../middlewares/errorHandler.js';
import { rawBody } from '../../middlewares/rawBody.js';

/** The H5 app's request bodies are small JSON documents. */
const JSON_BODY_LIMIT = 64 * 1024;

/** Read a bounded `application/json` body and parse it into ctx.state.json (400 malformed_json otherwise). */
export function jsonBody(limit = JSON_BODY_LIMIT): Middleware {
  const read = rawBody({ limit, types: ['application/json'] });
  return async function jsonBodyMiddleware(ctx, next) {
    await read(ctx, async () => {
      const text = (ctx.state.rawBody as Buffer).toString('utf8');
      try {
        ctx.state.json = text.trim() === '' ? {} : JSON.parse(text);
      } catch (error) {
        throw badRequest('malformed_json', `请求体不是合法的 JSON：${(error as Error).message}`);
      }
      await next();
    });
  };
}

/** The parsed body checked against `schema`; 422 invalid_payload listing every problem. */
export function bodyOf<S extends z.ZodType>(ctx: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(ctx.state.json);
  if (!parsed.success) throw unprocessable('invalid_payload', '请求内容不符合要求', zodDetails(parsed.error));
  return parsed.data;
}
