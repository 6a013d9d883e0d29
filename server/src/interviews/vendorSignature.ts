import { createHash } from 'node:crypto';
import { INGEST_LIMITS, SIGNATURE_HEADER, SIGNATURE_HEADER_NAME, TIMESTAMP_HEADER, TIMESTAMP_HEADER_NAME } from '@aireview/shared';
import type { Context, Middleware } from 'koa';
import type { Clock } from '../platform/clock.js';
import { unauthorized } from '../platform/http/errors.js';
import { checkBodyHeaders, type RawBodyOptions } from '../platform/http/rawBody.js';
import { streamBody, type StagedBody } from '../platform/http/streamBody.js';
import { requestSigner, sameSignature, verifyRequest, type SignedRequest } from '../platform/signature.js';
import type { RecordingStorage } from '../platform/storage/storage.js';

/** The signature headers of a request, checked for presence, form and freshness (signatureHeaders). */
export interface SignatureHeaders {
  timestamp: string;
  signature: string;
}

const HEAD_BYTES = 64;
const SIGNATURE_FORM = /^sha256=[0-9a-f]{64}$/i;

const refused = (message: string) => unauthorized('bad_signature', message);

/**
 * Before any body byte is read: both headers are present (401 bad_signature naming what is missing),
 * the signature has its form (401 bad_signature) and the timestamp is Unix seconds within the clock-skew
 * window (401 stale_timestamp). Puts them on ctx.state.signature.
 */
export function signatureHeaders(options: { clock: Clock }): Middleware {
  return async function signatureHeadersMiddleware(ctx, next) {
    const timestamp = ctx.get(TIMESTAMP_HEADER).trim();
    const signature = ctx.get(SIGNATURE_HEADER).trim();
    const missing = [timestamp ? null : TIMESTAMP_HEADER_NAME, signature ? null : SIGNATURE_HEADER_NAME].filter((name) => name !== null);
    if (missing.length > 0) throw refused(`缺少请求头 ${missing.join('、')}`);
    if (!SIGNATURE_FORM.test(signature)) throw refused(`${SIGNATURE_HEADER_NAME} 应为 sha256= 加 64 位十六进制`);
    if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized('stale_timestamp', `${TIMESTAMP_HEADER_NAME} 应为 Unix 秒`);
    const nowSec = Math.floor(options.clock.now().getTime() / 1000);
    if (Math.abs(nowSec - Number(timestamp)) > INGEST_LIMITS.maxClockSkewSec) {
      throw unauthorized('stale_timestamp', `时间戳与服务器时间相差超过 ${INGEST_LIMITS.maxClockSkewSec} 秒`);
    }
    ctx.state.signature = { timestamp, signature } satisfies SignatureHeaders;
    await next();
  };
}

/** The signed request as this server received it: the method and the request target exactly as sent. */
function signedRequest(ctx: Context, secret: string): SignedRequest & SignatureHeaders {
  const headers = ctx.state.signature as SignatureHeaders;
  return { secret, ...headers, method: ctx.method, pathWithQuery: ctx.originalUrl };
}

/** After signatureHeaders and rawBody: the buffered body and this request's method and path are what was signed (401 bad_signature). */
export function verifiedBody(options: { secret: string }): Middleware {
  return async function verifiedBodyMiddleware(ctx, next) {
    if (!verifyRequest({ ...signedRequest(ctx, options.secret), body: ctx.state.rawBody as Buffer })) throw refused('签名校验失败');
    await next();
  };
}

/**
 * After signatureHeaders: refuse the Content-Type (415) and a declared Content-Length over the limit (413)
 * before reading, then stream the body into staged storage while computing its HMAC and sha256, so a
 * large body never sits in memory. The signature is checked after the last byte (401 bad_signature). The
 * staged bytes are deleted whenever the request does not commit them (any refusal, any error).
 * Puts a StagedBody on ctx.state.upload.
 */
export function signedUpload(options: RawBodyOptions & { secret: string; storage: RecordingStorage }): Middleware {
  return async function signedUploadMiddleware(ctx, next) {
    checkBodyHeaders(ctx, options);
    const request = signedRequest(ctx, options.secret);
    const signer = requestSigner(request);
    const sha256 = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    const staged = await options.storage.stage();
    try {
      const bytes = await streamBody(ctx, staged.stream, {
        limit: options.limit,
        onChunk(chunk) {
          signer.update(chunk);
          sha256.update(chunk);
          if (headBytes < HEAD_BYTES) {
            head.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - headBytes)));
            headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
          }
        },
      });
      if (!sameSignature(signer.signature(), request.signature)) throw refused('签名校验失败');
      ctx.state.upload = { bytes, sha256: sha256.digest('hex'), head: Buffer.concat(head), commit: (key) => staged.commit(key) } satisfies StagedBody;
      await next();
    } finally {
      await staged.discard();
    }
  };
}
