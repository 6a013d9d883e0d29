import { createCipheriv, createDecipheriv } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CallbackCryptoError, createCallbackCrypto, deriveAesKey } from './callbackCrypto.js';

// DINGTALK.md §2.5 — Vector A: official doc / openapi-demo-java (ISV suite example).
const A = {
  token: '123456',
  aesKey: '4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij',
  ownerKey: 'suite4xxxxxxxxxxxxxxx',
  signature: '5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0',
  timestamp: '1445827045067',
  nonce: 'nEXhMP4r',
  encrypt:
    '1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgnNOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==',
  random: 'hU3bEfGZZewzhG5a',
  message: '{"EventType":"check_create_suite_url","Random":"LPIdSnlF","TestSuiteKey":"suite4xxxxxxxxxxxxxxx"}',
  keyHex: 'e20e63eb8aa5ca5df3bdeb6ac73e638a871daf9f3a7e7db3be3a5af3396cde28',
};

// DINGTALK.md §2.5 — Vector B: open-dingtalk/DingTalk-Callback-Crypto DingCallbackCrypto3.py (internal app check_url).
const B = {
  token: 'mryue',
  aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
  ownerKey: 'ding6ccabc44d2c8d38b',
  signature: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
  timestamp: '1608001896814',
  nonce: 'WL4PK6yA',
  encrypt:
    '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
  random: 'l7Y3EcX2CU5w8av3',
  message: '{"EventType":"check_url"}',
};

const OURS = { token: 'sandboxtoken', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', ownerKey: 'dingsandboxappkey' };

/** AES-256-CBC without padding, independent of the module under test. */
function rawDecrypt(aesKey: string, encrypt: string): Buffer {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  return Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
}

function rawEncrypt(aesKey: string, plain: Buffer): string {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function expectCryptoError(fn: () => unknown, kind: CallbackCryptoError['kind']): void {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CallbackCryptoError);
  expect((caught as CallbackCryptoError).kind).toBe(kind);
}

describe('callbackCrypto — known answers, vector A (official doc)', () => {
  const crypto = createCallbackCrypto(A);

  it('derives the published AES key', () => {
    expect(deriveAesKey(A.aesKey).toString('hex')).toBe(A.keyHex);
  });

  it('computes the published signature', () => {
    expect(crypto.signature(A.timestamp, A.nonce, A.encrypt)).toBe(A.signature);
    expect(crypto.verifySignature(A.signature, A.timestamp, A.nonce, A.encrypt)).toBe(true);
  });

  it('decrypts to the published message, random and owner key', () => {
    const parts = crypto.decryptParts(A.encrypt);
    expect(parts.message).toBe(A.message);
    expect(parts.random.toString('ascii')).toBe(A.random);
    expect(parts.ownerKey).toBe(A.ownerKey);
    expect(crypto.decrypt(A.encrypt)).toBe(A.message);
  });

  it('re-encrypts with the same random to the published ciphertext byte for byte', () => {
    expect(crypto.encrypt(A.message, Buffer.from(A.random, 'ascii'))).toBe(A.encrypt);
  });

  it('has the published layout: length 97, pad 22, 160 bytes', () => {
    const plain = rawDecrypt(A.aesKey, A.encrypt);
    expect(plain.length).toBe(160);
    expect(plain.readUInt32BE(16)).toBe(97);
    expect(plain[plain.length - 1]).toBe(22);
  });

  it('decryptVerified accepts the published request', () => {
    expect(crypto.decryptVerified({ signature: A.signature, timestamp: A.timestamp, nonce: A.nonce, encrypt: A.encrypt })).toBe(A.message);
  });
});

describe('callbackCrypto — known answers, vector B (DingCallbackCrypto3.py check_url)', () => {
  const crypto = createCallbackCrypto(B);

  it('computes the published signature', () => {
    expect(crypto.signature(B.timestamp, B.nonce, B.encrypt)).toBe(B.signature);
  });

  it('decrypts to exactly the check_url event with the published owner key', () => {
    const parts = crypto.decryptParts(B.encrypt);
    expect(parts.message).toBe(B.message);
    expect(parts.random.toString('ascii')).toBe(B.random);
    expect(parts.ownerKey).toBe(B.ownerKey);
    expect(rawDecrypt(B.aesKey, B.encrypt).at(-1)).toBe(31);
  });

  it('re-encrypts with the same random to the published ciphertext byte for byte', () => {
    expect(crypto.encrypt(B.message, Buffer.from(B.random, 'ascii'))).toBe(B.encrypt);
  });

  it('decryptVerified accepts the published request', () => {
    expect(crypto.decryptVerified({ signature: B.signature, timestamp: B.timestamp, nonce: B.nonce, encrypt: B.encrypt })).toBe(B.message);
  });
});

describe('callbackCrypto — round trips', () => {
  const crypto = createCallbackCrypto(OURS);

  it('round-trips multi-byte Chinese text longer than 127 bytes using the UTF-8 byte length', () => {
    const message = JSON.stringify({ EventType: 'bpms_task_change', remark: '候选人服务意识突出，同意进入复试。'.repeat(6) });
    expect(Buffer.byteLength(message, 'utf8')).toBeGreaterThan(127);
    const encrypted = crypto.encrypt(message);
    expect(crypto.decrypt(encrypted)).toBe(message);
    expect(rawDecrypt(OURS.aesKey, encrypted).readUInt32BE(16)).toBe(Buffer.byteLength(message, 'utf8'));
  });

  it('adds a full 32-byte block of padding when the content is already block aligned', () => {
    const fixed = 16 + 4 + OURS.ownerKey.length;
    const message = 'x'.repeat(32 - (fixed % 32) + 32);
    expect((fixed + message.length) % 32).toBe(0);
    const encrypted = crypto.encrypt(message);
    const plain = rawDecrypt(OURS.aesKey, encrypted);
    expect(plain.length).toBe(fixed + message.length + 32);
    expect(plain.subarray(-32).every((byte) => byte === 32)).toBe(true);
    expect(crypto.decrypt(encrypted)).toBe(message);
  });

  it('round-trips the empty message', () => {
    expect(crypto.decrypt(crypto.encrypt(''))).toBe('');
  });

  it('uses a fresh random per encryption', () => {
    expect(crypto.encrypt('same')).not.toBe(crypto.encrypt('same'));
  });

  it('produces a success reply that verifies and decrypts to the literal success', () => {
    const reply = crypto.successReply();
    expect(Object.keys(reply).sort()).toEqual(['encrypt', 'msg_signature', 'nonce', 'timeStamp']);
    expect(reply.timeStamp).toMatch(/^\d{13}$/);
    expect(reply.nonce).toMatch(/^[A-Za-z0-9]{16}$/);
    expect(crypto.decryptVerified({ signature: reply.msg_signature, timestamp: reply.timeStamp, nonce: reply.nonce, encrypt: reply.encrypt })).toBe('success');
  });

  it('signs the success reply over the timestamp and nonce it was given', () => {
    const reply = crypto.successReply('1700000000000', 'abcd1234');
    expect(reply.timeStamp).toBe('1700000000000');
    expect(reply.nonce).toBe('abcd1234');
    expect(reply.msg_signature).toBe(crypto.signature('1700000000000', 'abcd1234', reply.encrypt));
  });
});

describe('callbackCrypto — rejections', () => {
  const crypto = createCallbackCrypto(OURS);

  it('rejects a payload encrypted for another owner key as wrong_owner', () => {
    const other = createCallbackCrypto({ ...OURS, ownerKey: 'dingcorpid0000000' });
    expectCryptoError(() => crypto.decrypt(other.encrypt('{"EventType":"check_url"}')), 'wrong_owner');
  });

  it('rejects the official vector when the owner key is the corpId instead of the suite key', () => {
    const wrong = createCallbackCrypto({ ...A, ownerKey: 'ding6ccabc44d2c8d38b' });
    expectCryptoError(() => wrong.decrypt(A.encrypt), 'wrong_owner');
  });

  it('rejects a forged signature as bad_signature before decrypting', () => {
    const encrypt = crypto.encrypt('{"EventType":"bpms_instance_change"}');
    const forged = createCallbackCrypto({ ...OURS, token: 'attacker' }).signature('1', 'n', encrypt);
    expect(crypto.verifySignature(forged, '1', 'n', encrypt)).toBe(false);
    expectCryptoError(() => crypto.decryptVerified({ signature: forged, timestamp: '1', nonce: 'n', encrypt }), 'bad_signature');
  });

  it('rejects a valid signature replayed with a different timestamp', () => {
    expectCryptoError(
      () => createCallbackCrypto(A).decryptVerified({ signature: A.signature, timestamp: '1445827045068', nonce: A.nonce, encrypt: A.encrypt }),
      'bad_signature',
    );
  });

  it('rejects signatures of the wrong length without throwing', () => {
    expect(crypto.verifySignature('', '1', 'n', 'e')).toBe(false);
    expect(crypto.verifySignature('abc', '1', 'n', 'e')).toBe(false);
  });

  it('rejects ciphertext whose padding byte was tampered with as undecryptable', () => {
    // Flipping the last byte of the second-to-last AES block flips the same bit of the final
    // plaintext byte: pad 22 (0x16) becomes 0x96, which is not a valid pad.
    const bytes = Buffer.from(A.encrypt, 'base64');
    bytes[bytes.length - 17] = (bytes[bytes.length - 17] ?? 0) ^ 0x80;
    expectCryptoError(() => createCallbackCrypto(A).decrypt(bytes.toString('base64')), 'undecryptable');
  });

  it('rejects ciphertext whose first block was tampered with as undecryptable', () => {
    const bytes = Buffer.from(A.encrypt, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 0x80;
    expectCryptoError(() => createCallbackCrypto(A).decrypt(bytes.toString('base64')), 'undecryptable');
  });

  it('rejects ciphertext decrypted with the wrong aesKey as undecryptable', () => {
    const wrongKey = createCallbackCrypto({ ...A, aesKey: OURS.aesKey });
    expectCryptoError(() => wrongKey.decrypt(A.encrypt), 'undecryptable');
  });

  it.each([
    ['empty', ''],
    ['not base64', '%%%not-base64%%%'],
    ['base64 with a line break', `${A.encrypt.slice(0, 76)}\n${A.encrypt.slice(76)}`],
    ['truncated to a partial block', A.encrypt.slice(0, 20)],
    ['truncated to whole blocks', Buffer.from(A.encrypt, 'base64').subarray(0, 64).toString('base64')],
    ['one block of garbage', Buffer.alloc(16, 7).toString('base64')],
    ['plain text', 'hello world!'],
  ])('rejects %s input as undecryptable without crashing', (_label, input) => {
    expectCryptoError(() => createCallbackCrypto(A).decrypt(input), 'undecryptable');
  });

  it('rejects a length field larger than the buffer as undecryptable', () => {
    const header = Buffer.alloc(20);
    header.write('0123456789abcdef', 0, 'ascii');
    header.writeUInt32BE(0x7fffffff, 16);
    const unpadded = Buffer.concat([header, Buffer.from('{"EventType":"check_url"}'), Buffer.from(OURS.ownerKey)]);
    const pad = 32 - (unpadded.length % 32);
    const encrypt = rawEncrypt(OURS.aesKey, Buffer.concat([unpadded, Buffer.alloc(pad, pad)]));
    expectCryptoError(() => crypto.decrypt(encrypt), 'undecryptable');
  });

  it('rejects a pad byte of 0 or above 32 as undecryptable', () => {
    const unpadded = Buffer.concat([Buffer.alloc(16, 65), Buffer.from([0, 0, 0, 2]), Buffer.from('ok'), Buffer.from(OURS.ownerKey)]);
    for (const padByte of [0, 33]) {
      const fill = 64 - unpadded.length;
      const encrypt = rawEncrypt(OURS.aesKey, Buffer.concat([unpadded, Buffer.alloc(fill, padByte)]));
      expectCryptoError(() => crypto.decrypt(encrypt), 'undecryptable');
    }
  });

  it('refuses to build with an aesKey that is not 43 base64 characters', () => {
    expect(() => createCallbackCrypto({ ...OURS, aesKey: 'short' })).toThrow(/43/);
    expect(() => createCallbackCrypto({ ...OURS, aesKey: `${OURS.aesKey}=` })).toThrow(/43/);
  });
});
