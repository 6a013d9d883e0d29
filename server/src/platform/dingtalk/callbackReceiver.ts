import type { Config } from '../config.js';
import { badRequest } from '../http/errors.js';
import { parseJson } from '../http/jsonBody.js';
import { createCallbackCrypto, type EncryptedReply } from './callbackCrypto.js';
import { parseCallbackEvent, type ParsedCallback } from './events.js';

type Query = Record<string, string | string[] | undefined>;

export interface CallbackReceiver {
  /**
   * One HTTP event push as DingTalk sends it (signature, timestamp and nonce in the query, under either
   * spelling DingTalk uses; `{ "encrypt" }` in the body): verified, decrypted and parsed. Throws
   * CallbackCryptoError / NotAnEventError (mapped to 4xx by the error middleware) or a 400 AppError.
   */
  open(request: { query: Query; body: Buffer }): ParsedCallback;
  /** The encrypted `success` DingTalk expects as the answer. */
  successReply(): EncryptedReply;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

export function createCallbackReceiver(dingtalk: Pick<Config['dingtalk'], 'callbackToken' | 'callbackAesKey' | 'callbackOwnerKey'>): CallbackReceiver {
  const crypto = createCallbackCrypto({ token: dingtalk.callbackToken, aesKey: dingtalk.callbackAesKey, ownerKey: dingtalk.callbackOwnerKey });
  return {
    open({ query, body }) {
      const signature = first(query.msg_signature) || first(query.signature);
      const timestamp = first(query.timestamp) || first(query.timeStamp);
      const nonce = first(query.nonce);
      const encrypt = (parseJson(body) as { encrypt?: unknown } | null)?.encrypt;
      if (typeof encrypt !== 'string' || !signature || !timestamp || !nonce) {
        throw badRequest('bad_request', '回调缺少 encrypt、msg_signature、timestamp 或 nonce');
      }
      return parseCallbackEvent(crypto.decryptVerified({ signature, timestamp, nonce, encrypt }));
    },
    successReply: () => crypto.successReply(),
  };
}
