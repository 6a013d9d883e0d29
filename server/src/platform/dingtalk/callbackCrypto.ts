/**
 * DingTalk HTTP event callback crypto (DINGTALK.md §2.2–2.3).
 *
 * Signature: SHA-1 hex over the lexicographically sorted [token, timestamp, nonce, encrypt].
 * Cipher:    AES-256-CBC, key = base64(aesKey + '='), IV = key[0..16), no library padding.
 * Plaintext: 16 random bytes | BE uint32 UTF-8 byte length | message | owner key,
 *            then PKCS#7-style padding to a 32-byte block (pad value 1..32).
 *
 * Pure: node:crypto only, no I/O, no logging. Callers decide what to log.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type CallbackCryptoErrorKind = 'bad_signature' | 'undecryptable' | 'wrong_owner';

export class CallbackCryptoError extends Error {
  readonly kind: CallbackCryptoErrorKind;

  constructor(kind: CallbackCryptoErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CallbackCryptoError';
    this.kind = kind;
  }
}

export interface CallbackCryptoOptions {
  /** The callback token (签名 token) configured in the developer console. */
  token: string;
  /** The 43-character EncodingAESKey configured in the developer console. */
  aesKey: string;
  /** The expected owner key: the app's Client ID / AppKey for console event subscription. */
  ownerKey: string;
}

/** The body DingTalk requires as the answer to every push (note the camelCase `timeStamp`). */
export interface EncryptedReply {
  msg_signature: string;
  timeStamp: string;
  nonce: string;
  encrypt: string;
}

export interface SignedCallback {
  signature: string;
  timestamp: string;
  nonce: string;
  encrypt: string;
}

export interface DecryptedParts {
  random: Buffer;
  message: string;
  ownerKey: string;
}

export interface CallbackCrypto {
  signature(timestamp: string, nonce: string, encrypt: string): string;
  verifySignature(signature: string, timestamp: string, nonce: string, encrypt: string): boolean;
  /** Base64 ciphertext of `message`; `random` (16 bytes) is generated unless given. */
  encrypt(message: string, random?: Buffer): string;
  /** The message text; throws CallbackCryptoError('undecryptable' | 'wrong_owner'). */
  decrypt(encrypt: string): string;
  /** Decrypts without checking the owner key (diagnostics and tests). */
  decryptParts(encrypt: string): DecryptedParts;
  /** Signature first (CallbackCryptoError('bad_signature')), then decrypt. */
  decryptVerified(input: SignedCallback): string;
  /** The encrypted `success` reply; fresh ms timestamp and 16-char nonce unless given. */
  successReply(timestamp?: string, nonce?: string): EncryptedReply;
}

const BLOCK = 32;
const RANDOM_LENGTH = 16;
const HEADER_LENGTH = RANDOM_LENGTH + 4;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** key = base64decode(aesKey + '='): 32 bytes for a valid 43-character EncodingAESKey. */
export function deriveAesKey(aesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(aesKey)) {
    throw new Error('DingTalk callback aesKey must be 43 base64 characters');
  }
  const key = Buffer.from(`${aesKey}=`, 'base64');
  if (key.length !== 32) throw new Error('DingTalk callback aesKey must decode to 32 bytes');
  return key;
}

/** Random alphanumeric string (the reference implementations use these for random and nonce). */
export function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALNUM[byte % ALNUM.length];
  return out;
}

export function createCallbackCrypto(options: CallbackCryptoOptions): CallbackCrypto {
  const { token, ownerKey } = options;
  if (!token) throw new Error('DingTalk callback token is required');
  if (!ownerKey) throw new Error('DingTalk callback owner key is required');
  const key = deriveAesKey(options.aesKey);
  const iv = key.subarray(0, 16);
  const ownerKeyBytes = Buffer.from(ownerKey, 'utf8');

  function signature(timestamp: string, nonce: string, encrypt: string): string {
    const joined = [token, timestamp, nonce, encrypt].sort().join('');
    return createHash('sha1').update(joined, 'utf8').digest('hex');
  }

  function verifySignature(sig: string, timestamp: string, nonce: string, encrypt: string): boolean {
    const expected = Buffer.from(signature(timestamp, nonce, encrypt), 'utf8');
    const actual = Buffer.from(sig.toLowerCase(), 'utf8');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  function encrypt(message: string, random?: Buffer): string {
    const rand = random ?? Buffer.from(randomAlnum(RANDOM_LENGTH), 'ascii');
    if (rand.length !== RANDOM_LENGTH) throw new Error('random must be exactly 16 bytes');
    const body = Buffer.from(message, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length, 0);
    const unpadded = Buffer.concat([rand, length, body, ownerKeyBytes]);
    const pad = BLOCK - (unpadded.length % BLOCK);
    const plain = Buffer.concat([unpadded, Buffer.alloc(pad, pad)]);
    const cipher = createCipheriv('aes-256-cbc', key, iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  function decryptParts(encryptText: string): DecryptedParts {
    const undecryptable = (why: string, cause?: unknown) =>
      new CallbackCryptoError('undecryptable', `callback payload undecryptable: ${why}`, cause === undefined ? undefined : { cause });
    if (typeof encryptText !== 'string' || encryptText.length === 0 || encryptText.length % 4 !== 0 || !BASE64.test(encryptText)) {
      throw undecryptable('not base64');
    }
    const cipherBytes = Buffer.from(encryptText, 'base64');
    if (cipherBytes.length === 0 || cipherBytes.length % 16 !== 0) throw undecryptable('ciphertext is not whole AES blocks');

    let plain: Buffer;
    try {
      const decipher = createDecipheriv('aes-256-cbc', key, iv);
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(cipherBytes), decipher.final()]);
    } catch (error) {
      throw undecryptable('AES decryption failed', error);
    }

    const pad = plain[plain.length - 1] ?? 0;
    if (pad < 1 || pad > BLOCK || pad > plain.length) throw undecryptable('bad padding');
    for (let i = plain.length - pad; i < plain.length; i++) {
      if (plain[i] !== pad) throw undecryptable('bad padding');
    }
    const content = plain.subarray(0, plain.length - pad);
    if (content.length < HEADER_LENGTH) throw undecryptable('too short');
    const messageLength = content.readUInt32BE(RANDOM_LENGTH);
    if (messageLength > content.length - HEADER_LENGTH) throw undecryptable('length field exceeds the payload');

    const messageBytes = content.subarray(HEADER_LENGTH, HEADER_LENGTH + messageLength);
    const ownerBytes = content.subarray(HEADER_LENGTH + messageLength);
    let message: string;
    let owner: string;
    try {
      message = utf8Strict.decode(messageBytes);
      owner = utf8Strict.decode(ownerBytes);
    } catch (error) {
      throw undecryptable('not UTF-8', error);
    }
    return { random: Buffer.from(content.subarray(0, RANDOM_LENGTH)), message, ownerKey: owner };
  }

  function decrypt(encryptText: string): string {
    const parts = decryptParts(encryptText);
    if (!Buffer.from(parts.ownerKey, 'utf8').equals(ownerKeyBytes)) {
      throw new CallbackCryptoError('wrong_owner', 'callback payload belongs to another app (owner key mismatch)');
    }
    return parts.message;
  }

  function decryptVerified(input: SignedCallback): string {
    if (!verifySignature(input.signature, input.timestamp, input.nonce, input.encrypt)) {
      throw new CallbackCryptoError('bad_signature', 'callback signature mismatch');
    }
    return decrypt(input.encrypt);
  }

  function successReply(timestamp: string = String(Date.now()), nonce: string = randomAlnum(16)): EncryptedReply {
    const encrypted = encrypt('success');
    return { msg_signature: signature(timestamp, nonce, encrypted), timeStamp: timestamp, nonce, encrypt: encrypted };
  }

  return { signature, verifySignature, encrypt, decrypt, decryptParts, decryptVerified, successReply };
}
