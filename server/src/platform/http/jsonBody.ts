import type { Middleware } from 'koa';
import { badRequest } from './errors.js';
import { rawBody } from './rawBody.js';

/** The H5 app's request bodies are small JSON documents. */
export const JSON_BODY_LIMIT = 64 * 1024;

/** Parse a request body as JSON; 400 `malformed_json` when it is not. An empty body is `{}` only when `emptyAsObject`. */
export function parseJson(raw: Buffer, options: { emptyAsObject?: boolean } = {}): unknown {
  const text = raw.toString('utf8');
  if (options.emptyAsObject && text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest('malformed_json', `请求体不是合法的 JSON：${(error as Error).message}`);
  }
}

/** Read a bounded `application/json` body (415/413 otherwise) and parse it into ctx.state.json (400 malformed_json). */
export function jsonBody(limit = JSON_BODY_LIMIT): Middleware {
  const read = rawBody({ limit, types: ['application/json'] });
  return async function jsonBodyMiddleware(ctx, next) {
    await read(ctx, async () => {
      ctx.state.json = parseJson(ctx.state.rawBody as Buffer, { emptyAsObject: true });
      await next();
    });
  };
}
