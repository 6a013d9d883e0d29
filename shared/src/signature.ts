/**
 * The ingestion signature scheme, shared by the server, the vendor simulator and our outbound
 * vendor webhook: `sha256=` + hex HMAC-SHA256(secret, `<unix seconds>.<raw body>`).
 * Only the message layout lives here (no Node imports); hashing happens on each side.
 */
export const SIGNATURE_HEADER = 'x-interview-signature';
export const TIMESTAMP_HEADER = 'x-interview-timestamp';
export const SIGNATURE_PREFIX = 'sha256=';
