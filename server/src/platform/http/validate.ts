import type { Context, Middleware, Next } from 'koa';
import type { z } from 'zod';
import { badRequest, notFound, unprocessable } from './errors.js';
import { zodDetails } from './errorHandler.js';
import { jsonBody, parseJson } from './jsonBody.js';

interface Schemas {
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Input<S extends Schemas> {
  body: Out<S['body']>;
  query: Out<S['query']>;
  params: Out<S['params']>;
}

export interface Validator<S extends Schemas> extends Middleware {
  /** What this validator parsed for the request in `ctx`. */
  of(ctx: Pick<Context, 'state'>): Input<S>;
}

/**
 * The one request validator. `body` parses the raw body an earlier `rawBody` read (signed requests),
 * or else reads a bounded JSON body (415/413/400 malformed_json), and answers 422 invalid_payload listing every problem; `query` answers 400 invalid_query; `params`
 * that cannot name anything answer 404 not_found. Routes read the parsed values with `.of(ctx)`.
 */
export function validate<S extends Schemas>(schemas: S): Validator<S> {
  const readBody = jsonBody();
  const check = async (ctx: Context, next: Next) => {
    const input: Record<string, unknown> = {};
    if (schemas.params) {
      const parsed = schemas.params.safeParse(ctx.params ?? {});
      if (!parsed.success) throw notFound('not_found', '未找到请求的资源');
      input.params = parsed.data;
    }
    if (schemas.query) {
      const parsed = schemas.query.safeParse(ctx.query);
      if (!parsed.success) throw badRequest('invalid_query', '查询条件不正确', zodDetails(parsed.error));
      input.query = parsed.data;
    }
    if (schemas.body) {
      const parsed = schemas.body.safeParse(ctx.state.json);
      if (!parsed.success) throw unprocessable('invalid_payload', '请求内容不符合要求', zodDetails(parsed.error));
      input.body = parsed.data;
    }
    ctx.state.input = input;
    await next();
  };
  const middleware = async function validateMiddleware(ctx: Context, next: Next) {
    if (!schemas.body) return check(ctx, next);
    if (ctx.state.rawBody === undefined) return readBody(ctx, () => check(ctx, next));
    ctx.state.json = parseJson(ctx.state.rawBody as Buffer);
    return check(ctx, next);
  } as Validator<S>;
  middleware.of = (ctx) => ctx.state.input as Input<S>;
  return middleware;
}
