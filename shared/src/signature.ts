/**
 * The request signature scheme, shared by the server, the vendor simulator and our outbound
 * vendor webhook: `sha256=` + hex HMAC-SHA256(secret, `<unix seconds>.<METHOD>.<path with query>.<raw body>`).
 * It binds the request (method and target), not just the body, so a captured request cannot be
 * replayed onto another path. Only the message layout lives here (no Node imports); hashing happens on each side.
 */
export const SIGNATURE_HEADER = 'x-interview-signature';
export const TIMESTAMP_HEADER = 'x-interview-timestamp';
export const SIGNATURE_PREFIX = 'sha256=';

/** As vendors spell them (error messages, documentation). */
export const SIGNATURE_HEADER_NAME = 'X-Interview-Signature';
export const TIMESTAMP_HEADER_NAME = 'X-Interview-Timestamp';

/**
 * What the HMAC covers before the body bytes: `<timestamp>.<METHOD>.<path with query>.`. The path is the
 * request target exactly as sent on the request line (percent-encoding as sent, no scheme or host).
 */
export function signingPrefix(timestamp: string, method: string, pathWithQuery: string): string {
  return `${timestamp}.${method.toUpperCase()}.${pathWithQuery}.`;
}
