import { createHmac, timingSafeEqual } from 'node:crypto';
import { SIGNATURE_PREFIX, signingPrefix } from '@aireview/shared';

/** The parts of a signed request the HMAC binds besides its body. */
export interface SignedRequest {
  secret: string;
  /** Unix seconds, as sent in X-Interview-Timestamp. */
  timestamp: string;
  method: string;
  /** The request target as sent: path and query string, e.g. `/api/v1/interview-results?x=1`. */
  pathWithQuery: string;
}

export interface RequestSigner {
  update(chunk: Buffer | string): void;
  /** `sha256=` + lower-case hex; call once, after the last chunk. */
  signature(): string;
}

/** An incremental signer, for bodies that are streamed rather than held in memory. */
export function requestSigner(request: SignedRequest): RequestSigner {
  const hmac = createHmac('sha256', request.secret);
  hmac.update(signingPrefix(request.timestamp, request.method, request.pathWithQuery));
  return {
    update: (chunk) => void hmac.update(chunk),
    signature: () => SIGNATURE_PREFIX + hmac.digest('hex'),
  };
}

/** `sha256=` + hex HMAC-SHA256(secret, `<timestamp>.<METHOD>.<path with query>.<raw body>`). Used inbound and for our vendor webhook. */
export function signRequest(request: SignedRequest & { body: Buffer | string }): string {
  const signer = requestSigner(request);
  signer.update(request.body);
  return signer.signature();
}

/** Constant-time comparison of a received signature header with the expected one. */
export function sameSignature(expected: string, received: string): boolean {
  const want = Buffer.from(expected);
  const given = Buffer.from(received.trim().toLowerCase());
  return given.length === want.length && timingSafeEqual(given, want);
}

/** Does `signature` sign this exact request? Constant time in the signature. */
export function verifyRequest(request: SignedRequest & { body: Buffer | string; signature: string }): boolean {
  return sameSignature(signRequest(request), request.signature);
}
