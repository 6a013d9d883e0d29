import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_PREFIX } from '@aireview/shared';

/** `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<raw body>`). Used inbound and for our vendor webhook. */
export function signIngestBody(secret: string, timestamp: string, body: Buffer | string): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(body);
  return SIGNATURE_PREFIX + hmac.digest('hex');
}

/** Constant-time comparison of a received signature with the expected one. */
export function verifyIngestSignature(secret: string, timestamp: string, body: Buffer, received: string): boolean {
  const expected = Buffer.from(signIngestBody(secret, timestamp, body));
  const given = Buffer.from(received.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}
