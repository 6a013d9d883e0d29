import type { SessionUser } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { writeAudit } from '../platform/audit.js';
import { Session, User } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { unauthorized } from '../platform/http/errors.js';
import { databaseLimiter } from '../platform/http/rateLimit.js';
import { sessionTokenOf, type SessionGuards, type SessionState } from '../platform/http/session.js';
import { newSessionToken, sessionIdOf } from '../platform/http/sessionToken.js';
import { resolveUser } from './roles.js';

/** A session's role and departments are resolved again from configuration and database this often. */
export const SESSION_RESOLVE_MS = 60_000;

/** Open a session for `user` inside the caller's transaction; the token goes only into the cookie. */
export async function openSession(em: EntityManager, user: SessionUser, now: Date, ttlMs: number): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await em.insert(Session, {
    id: sessionIdOf(token)!,
    userId: user.userId,
    name: user.name,
    role: user.role,
    departmentIds: [...user.departmentIds],
    createdAt: now,
    expiresAt,
    resolvedAt: now,
    revokedAt: null,
  });
  return { token, expiresAt };
}

/**
 * The live session of a token, or null (unknown, expired, revoked, user gone). Older than a minute,
 * its role and departments are resolved again, so a user removed from HR_USER_IDS or from a
 * position loses that access within a minute on every instance.
 */
export async function authenticate(deps: Pick<Deps, 'ds' | 'clock' | 'settings'>, token: string): Promise<Omit<SessionState, 'via'> | null> {
  const id = sessionIdOf(token);
  if (!id) return null;
  const repo = deps.ds.getRepository(Session);
  const session = await repo.findOneBy({ id });
  const now = deps.clock.now();
  if (!session || session.revokedAt || session.expiresAt.getTime() <= now.getTime()) return null;
  let user: SessionUser = { userId: session.userId, name: session.name, role: session.role, departmentIds: session.departmentIds };
  if (!(await deps.ds.getRepository(User).existsBy({ dingtalkUserId: session.userId }))) return null;
  if (now.getTime() - session.resolvedAt.getTime() >= SESSION_RESOLVE_MS) {
    const current = await resolveUser(deps.ds, deps.settings.roles, session.userId);
    if (!current) {
      await repo.update({ id }, { revokedAt: now });
      return null;
    }
    user = current;
    await repo.update({ id }, { role: user.role, name: user.name, departmentIds: user.departmentIds, resolvedAt: now });
  }
  return { user, expiresAt: session.expiresAt.getTime() };
}

/** Logout: the session ends on the server (the token stops working everywhere at once), audited. */
export async function closeSession(deps: Pick<Deps, 'ds' | 'clock'>, token: string | null, requestId?: string): Promise<void> {
  const id = token ? sessionIdOf(token) : null;
  if (!id) return;
  const now = deps.clock.now();
  await inTransaction(deps.ds, async (em) => {
    const session = await em.findOneBy(Session, { id });
    if (!session || session.revokedAt) return;
    await em.update(Session, { id }, { revokedAt: now });
    await writeAudit(em, { actorType: 'user', actorId: session.userId, action: 'auth.logout', subjectType: 'user', subjectId: session.userId, requestId: requestId ?? null }, now);
  });
}

/**
 * The session guard every router gets (built once in createApp). Sets ctx.state.session and counts the
 * request against the user's per-minute budget (RATE_LIMIT_API_PER_MINUTE, shared by all instances).
 */
export function sessionGuards(deps: Pick<Deps, 'ds' | 'clock' | 'settings'>): SessionGuards {
  const perUser = databaseLimiter(deps.ds, 'user', deps.settings.limits.apiPerMinute);
  const required: SessionGuards['required'] = async function requireSessionMiddleware(ctx, next) {
    const presented = sessionTokenOf(ctx);
    if (!presented) throw unauthorized('unauthenticated', '请先登录');
    const session = await authenticate(deps, presented.token);
    if (!session) throw unauthorized('unauthenticated', '登录已失效，请重新登录');
    await perUser.consume(`user:${session.user.userId}`);
    ctx.state.session = { ...session, via: presented.via } satisfies SessionState;
    await next();
  };
  return { required };
}
