import Router from '@koa/router';
import type { AppDeps } from '../../app.js';
import { recordInboundEvent } from '../../commands/recordInboundEvent.js';
import { CallbackCryptoError, createCallbackCrypto } from '../../dingtalk/callbackCrypto.js';
import { NotAnEventError, parseCallbackEvent } from '../../dingtalk/events.js';
import { AppError, badRequest, unauthorized } from '../../errors.js';
import { rawBody } from '../../middlewares/rawBody.js';

const CALLBACK_LIMIT_BYTES = 256 * 1024;

/**
 * DingTalk's HTTP event push: verify the signature, decrypt, store the event by id, answer with the
 * encrypted `success` at once. A worker applies stored events. Timestamps are not age-checked:
 * DingTalk may re-push old events, and stored-event de-duplication makes replays harmless.
 */
export function dingtalkCallbackRouter(deps: AppDeps): Router {
  const router = new Router();
  const dt = deps.config.dingtalk;
  const crypto = createCallbackCrypto({ token: dt.callbackToken, aesKey: dt.callbackAesKey, ownerKey: dt.callbackOwnerKey });
  const log = deps.log.child({ module: 'dingtalk-callback' });

  router.post('/dingtalk/callback', rawBody({ limit: CALLBACK_LIMIT_BYTES, types: ['application/json', 'text/plain'] }), async (ctx) => {
    const q = ctx.query;
    const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
    const signature = first(q.msg_signature) || first(q.signature);
    const timestamp = first(q.timestamp) || first(q.timeStamp);
    const nonce = first(q.nonce);
    let encrypt: unknown;
    try {
      encrypt = (JSON.parse((ctx.state.rawBody as Buffer).toString('utf8')) as { encrypt?: unknown }).encrypt;
    } catch {
      throw badRequest('malformed_json', '回调请求体不是合法的 JSON');
    }
    if (typeof encrypt !== 'string' || !signature || !timestamp || !nonce) {
      throw badRequest('bad_request', '回调缺少 encrypt、msg_signature、timestamp 或 nonce');
    }

    let plaintext: string;
    try {
      plaintext = crypto.decryptVerified({ signature, timestamp, nonce, encrypt });
    } catch (error) {
      if (!(error instanceof CallbackCryptoError)) throw error;
      log.warn({ kind: error.kind, ip: ctx.ip }, 'DingTalk callback rejected');
      if (error.kind === 'bad_signature') throw unauthorized('bad_signature', '回调签名校验失败');
      throw new AppError(400, error.kind === 'wrong_owner' ? 'wrong_owner' : 'undecryptable', error.kind === 'wrong_owner' ? '回调不属于本应用' : '回调内容无法解密');
    }

    let parsed;
    try {
      parsed = parseCallbackEvent(plaintext);
    } catch (error) {
      if (!(error instanceof NotAnEventError)) throw error;
      log.warn({ reason: error.message }, 'DingTalk callback rejected');
      throw badRequest('not_an_event', '回调内容不是事件');
    }
    if (parsed.kind === 'event') {
      const outcome = await recordInboundEvent({ ds: deps.ds, now: deps.now }, { source: 'dingtalk', ...parsed });
      log.info({ eventId: parsed.eventId, eventType: parsed.eventType, outcome }, 'DingTalk event received');
      if (outcome === 'stored') deps.onOutbox?.();
    }
    ctx.body = crypto.successReply();
  });
  return router;
}
