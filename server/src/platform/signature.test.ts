import { describe, expect, it } from 'vitest';
import { requestSigner, signRequest, verifyRequest } from './signature.js';

/**
 * The published request-signature vector (the README's signing example, word for word). The hex values
 * were computed with openssl, outside this code base, and are written down here so the recipe and the
 * code cannot drift:
 *   printf '%s' '1764000000.POST./api/v1/interview-results.{"interviewId":"itv-demo-1"}' | openssl dgst -sha256 -hmac 'demo-secret-please-change-0000'
 */
const VECTOR = {
  secret: 'demo-secret-please-change-0000',
  timestamp: '1764000000',
  method: 'POST',
  pathWithQuery: '/api/v1/interview-results',
  body: '{"interviewId":"itv-demo-1"}',
  signature: 'sha256=ad77703e46cf266d2788ac4379cdc7c1b12e02564f7024ed93d4401e27e199db',
} as const;

/** The README's counter-examples: the same secret, timestamp and body, bound to something else. */
const SIGNED_AS = {
  /** The old body-only scheme: `printf '%s' '1764000000.{"interviewId":"itv-demo-1"}' | openssl dgst …` */
  bodyOnly: 'sha256=cffd07e783ebd41a808f446a6b346e948a2f47e398f5beb7c4b83f0d148ca625',
  put: 'sha256=6f3db0e361582cc6837e39779b63d43159e10d8714b181c8916f601eae72f249',
  withQuery: 'sha256=0261044bdecf879e095948ea533c4e588789ed10300aa75ff3e1754c2d5da876',
} as const;

const bytes = Buffer.from(VECTOR.body, 'utf8');

describe('request signature (known-answer vector of the README)', () => {
  it('signs the published vector to the published signature, from a string or the exact bytes', () => {
    expect(bytes).toHaveLength(28);
    expect(signRequest(VECTOR)).toBe(VECTOR.signature);
    expect(signRequest({ ...VECTOR, body: bytes })).toBe(VECTOR.signature);
  });

  it('gives the same signature when the body is fed in chunks (streamed uploads)', () => {
    const signer = requestSigner(VECTOR);
    for (const chunk of [bytes.subarray(0, 5), bytes.subarray(5, 6), bytes.subarray(6)]) signer.update(chunk);
    expect(signer.signature()).toBe(VECTOR.signature);
  });

  it('accepts the published signature over the exact request, case-insensitively', () => {
    expect(verifyRequest({ ...VECTOR, body: bytes, signature: VECTOR.signature })).toBe(true);
    expect(verifyRequest({ ...VECTOR, body: bytes, signature: VECTOR.signature.toUpperCase().replace('SHA256=', 'sha256=') })).toBe(true);
  });

  it('refuses it for another method: the method is bound', () => {
    expect(signRequest({ ...VECTOR, method: 'PUT' })).toBe(SIGNED_AS.put);
    expect(verifyRequest({ ...VECTOR, method: 'PUT', signature: VECTOR.signature })).toBe(false);
  });

  it('refuses it for another path or query string: the request target is bound', () => {
    expect(signRequest({ ...VECTOR, pathWithQuery: '/api/v1/interview-results?replay=1' })).toBe(SIGNED_AS.withQuery);
    expect(verifyRequest({ ...VECTOR, pathWithQuery: '/api/v1/interview-results?replay=1', signature: VECTOR.signature })).toBe(false);
    expect(verifyRequest({ ...VECTOR, pathWithQuery: '/api/v1/interview-results/itv-demo-1/scenarios/s-1/recording', signature: VECTOR.signature })).toBe(false);
  });

  it('refuses a signature made the old way, over `<timestamp>.<body>` only', () => {
    expect(verifyRequest({ ...VECTOR, signature: SIGNED_AS.bodyOnly })).toBe(false);
  });

  it('refuses the published signature when one body byte, the timestamp or the secret changed', () => {
    const changed = Buffer.from(VECTOR.body.replace('itv-demo-1', 'itv-demo-2'), 'utf8');
    expect(changed).toHaveLength(bytes.length);
    expect(verifyRequest({ ...VECTOR, body: changed, signature: VECTOR.signature })).toBe(false);
    expect(verifyRequest({ ...VECTOR, timestamp: '1764000001', signature: VECTOR.signature })).toBe(false);
    expect(verifyRequest({ ...VECTOR, secret: 'another-secret-0123456789', signature: VECTOR.signature })).toBe(false);
  });

  it('refuses malformed signatures without throwing', () => {
    for (const signature of ['', 'sha256=', VECTOR.signature.slice(0, -1), `${VECTOR.signature}0`, VECTOR.signature.replace('sha256=', '')]) {
      expect(verifyRequest({ ...VECTOR, signature })).toBe(false);
    }
  });
});
