import { describe, expect, it } from 'vitest';
import { signIngestBody, verifyIngestSignature } from './signature.js';

/**
 * The published ingestion-signature vector (the README's signing example). The hex values were
 * computed once outside this code base and are written down here, so the recipe and the code cannot drift:
 *   printf '%s' '1764662400.{"interviewId":"itv-demo-1"}' | openssl dgst -sha256 -hmac 'demo-secret-please-change-0000'
 */
const VECTOR = {
  secret: 'demo-secret-please-change-0000',
  timestamp: '1764662400',
  body: '{"interviewId":"itv-demo-1"}',
  signature: 'sha256=36c2e83a6a11d360364253249edb8af6750fcc6b3761f4c5c4277171250f61c3',
} as const;

/** HMAC over `<timestamp><body>` without the `.`: `printf '%s' '1764662400{"interviewId":"itv-demo-1"}' | openssl dgst …` */
const WITHOUT_DOT = 'sha256=5c44d2ac63ee9e23c8c4e46f3fe2f79564a74992d5df630f09041f30c9ff3341';

describe('ingestion signature (known-answer vector)', () => {
  it('signs the published vector to the published signature', () => {
    expect(signIngestBody(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(signIngestBody(VECTOR.secret, VECTOR.timestamp, Buffer.from(VECTOR.body, 'utf8'))).toBe(VECTOR.signature);
  });

  it('accepts the published signature over the exact body bytes', () => {
    expect(verifyIngestSignature(VECTOR.secret, VECTOR.timestamp, Buffer.from(VECTOR.body, 'utf8'), VECTOR.signature)).toBe(true);
  });

  it('rejects a signature computed without the "." between timestamp and body', () => {
    expect(verifyIngestSignature(VECTOR.secret, VECTOR.timestamp, Buffer.from(VECTOR.body, 'utf8'), WITHOUT_DOT)).toBe(false);
  });

  it('rejects the published signature when one body byte changed', () => {
    const changed = Buffer.from(VECTOR.body.replace('itv-demo-1', 'itv-demo-2'), 'utf8');
    expect(changed).toHaveLength(Buffer.byteLength(VECTOR.body));
    expect(verifyIngestSignature(VECTOR.secret, VECTOR.timestamp, changed, VECTOR.signature)).toBe(false);
  });
});
