import type { Context, Middleware } from 'koa';
import { tooLarge, unsupportedMediaType } from './errors.js';

export interface RawBodyOptions {
  /** Maximum body size in bytes; larger bodies get 413 without being read further. */
  limit: number;
  /** Accepted media types (without parameters). */
  types: readonly string[];
}

/**
 * What can be refused before any body byte is read: the Content-Type (415) and a declared
 * Content-Length over the limit (413). Sets ctx.state.mediaType. Node discards a refused request's
 * unread body as it arrives, so nothing of it is held.
 */
export function checkBodyHeaders(ctx: Context, options: RawBodyOptions): void {
  const mediaType = (ctx.get('content-type').split(';')[0] ?? '').trim().toLowerCase();
  if (!options.types.includes(mediaType)) {
    throw unsupportedMediaType(`不支持的 Content-Type：${mediaType || '（未提供）'}`, { accepted: options.types });
  }
  ctx.state.mediaType = mediaType;
  const declared = Number(ctx.get('content-length') || NaN);
  if (declared > options.limit) {
    throw tooLarge(`请求体超过上限 ${options.limit} 字节`, { limit: options.limit });
  }
}

/**
 * Check the Content-Type, then read the raw body (bounded) into ctx.state.rawBody.
 * Signatures are computed over these exact bytes, so nothing parses the body before it.
 * For small bodies only (JSON); uploads are streamed (streamBody.ts).
 */
export function rawBody(options: RawBodyOptions): Middleware {
  return async function rawBodyMiddleware(ctx, next) {
    checkBodyHeaders(ctx, options);
    ctx.state.rawBody = await readBounded(ctx.req, options.limit);
    await next();
  };
}

function readBounded(stream: NodeJS.ReadableStream, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.removeListener('data', onData);
        stream.resume();
        reject(tooLarge(`请求体超过上限 ${limit} 字节`, { limit }));
        return;
      }
      chunks.push(chunk);
    };
    stream.on('data', onData);
    stream.once('end', () => resolve(Buffer.concat(chunks, size)));
    stream.once('error', reject);
  });
}
