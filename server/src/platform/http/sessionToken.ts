import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Role, SessionUser } from '@aireview/shared';
import { z } from 'zod';

/**
 * Stateless session tokens: `base64url(JSON payload) + '.' + base64url(HMAC-SHA256(secret, payload))`.
 * The payload names the DingTalk user, role, name and departments, and when it expires.
 */
export interface SessionPayload {
  /** DingTalk user id. */
  sub: string;
  role: Role;
  name: string;
  dept: number[];
  /** Expiry, milliseconds since epoch. */
  exp: number;
}

const PayloadSchema = z.object({
  sub: z.string().min(1).max(64),
  role: z.enum(['admin', 'hr', 'supervisor', 'staff']),
  name: z.string().max(64),
  dept: z.array(z.number().int()),
  exp: z.number().int(),
});

const mac = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest();

export function signSession(secret: string, payload: SessionPayload): string {
  const encoded = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${encoded}.${mac(secret, encoded).toString('base64url')}`;
}

/** The payload of a well-signed, unexpired token; null for anything else. */
export function verifySession(secret: string, token: string, nowMs: number): SessionPayload | null {
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const encoded = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(secret, encoded);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch (error) {
    // Our own signature over something that is not JSON: not a session we issued.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  const parsed = PayloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= nowMs) return null;
  return parsed.data;
}

export function sessionUserOf(payload: SessionPayload): SessionUser {
  return { userId: payload.sub, name: payload.name, role: payload.role, departmentIds: payload.dept };
}
