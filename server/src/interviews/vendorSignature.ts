import { INGEST_LIMITS, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@aireview/shared';
import type { Middleware } from 'koa';
import type { Clock } from '../platform/clock.js';
import { unauthorized } from '../platform/http/errors.js';
import { verifyIngestSignature } from '../platform/signature.js';

/** Verify `X-Interview-Timestamp` / `X-Interview-Signature` over ctx.state.rawBody (see rawBody) within the clock-skew window. */
export function vendorSignature(options: { secret: string; clock: Clock }): Middleware {
  return async function vendorSignatureMiddleware(ctx, next) {
    const timestamp = ctx.get(TIMESTAMP_HEADER);
    const signature = ctx.get(SIGNATURE_HEADER);
    if (!/^\d{1,12}$/.test(timestamp)) throw unauthorized('stale_timestamp', `缺少或无效的 ${TIMESTAMP_HEADER}（Unix 秒）`);
    const nowSec = Math.floor(options.clock.now().getTime() / 1000);
    if (Math.abs(nowSec - Number(timestamp)) > INGEST_LIMITS.maxClockSkewSec) {
      throw unauthorized('stale_timestamp', `时间戳与服务器时间相差超过 ${INGEST_LIMITS.maxClockSkewSec} 秒`);
    }
    if (!verifyIngestSignature(options.secret, timestamp, ctx.state.rawBody as Buffer, signature)) {
      throw unauthorized('bad_signature', '签名校验失败');
    }
    await next();
  };
}
