import { createHash, randomBytes } from 'node:crypto';

/**
 * Session tokens are opaque: 32 random bytes, base64url. Only the client holds the token; the
 * database keys the session by its sha256, so a database dump holds no usable session.
 */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The `sessions.id` of a token; null for anything that cannot be one of ours (checked before any query). */
export function sessionIdOf(token: string): string | null {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  return createHash('sha256').update(token).digest('hex');
}
