import { SESSION_COOKIE } from '@aireview/shared';

/**
 * The session cookie as a Set-Cookie value. Written by hand rather than through `ctx.cookies`, which
 * refuses `Secure` on a request it does not see as HTTPS (e.g. behind a proxy that drops X-Forwarded-Proto).
 */
export function sessionCookie(token: string, options: { maxAgeMs: number; secure: boolean; now: Date }): string {
  const maxAgeSec = Math.max(0, Math.floor(options.maxAgeMs / 1000));
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    `Max-Age=${maxAgeSec}`,
    `Expires=${new Date(options.now.getTime() + maxAgeSec * 1000).toUTCString()}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/** A Set-Cookie value that removes the session cookie. */
export function clearedSessionCookie(secure: boolean, now: Date): string {
  return sessionCookie('', { maxAgeMs: 0, secure, now });
}

/** Secure cookies whenever the public URL is HTTPS. */
export const secureCookies = (publicBaseUrl: string) => publicBaseUrl.startsWith('https:');
