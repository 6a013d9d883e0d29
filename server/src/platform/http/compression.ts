import { constants } from 'node:zlib';
import type { Middleware } from 'koa';
import compress from 'koa-compress';

/** Smaller bodies gain less than the encoding costs. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

const isJson = (type: string): boolean => /^application\/([\w.+-]+\+)?json\b/.test(type);

/**
 * JSON responses above the threshold, brotli or gzip by Accept-Encoding (koa-compress; `Vary:
 * Accept-Encoding` on every response). Only JSON: the H5 app's files are precompressed at build time
 * (staticApp.ts) and recordings are already compressed audio served with ranges.
 */
export function compressJson(): Middleware {
  const middleware = compress({
    filter: isJson,
    threshold: COMPRESS_THRESHOLD_BYTES,
    // Per response, so cheap levels: brotli 4 is about gzip 6 in time and smaller.
    br: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    gzip: { level: 6 },
    deflate: false,
  });
  return async function compressJsonMiddleware(ctx, next) {
    await middleware(ctx, next);
  };
}
