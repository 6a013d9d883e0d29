import { randomUUID } from 'node:crypto';
import type { SessionUser } from '@aireview/shared';
import { writeAudit } from '../platform/audit.js';
import type { Config } from '../platform/config.js';
import { User } from '../platform/db/entities/index.js';
import { inTransaction, isUniqueViolation } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { requestSandboxAuthCode } from '../platform/dingtalk/sandboxControl.js';
import { notFound } from '../platform/http/errors.js';
import { learnDepartments } from './learnDepartments.js';
import { departmentNames } from './queries.js';
import { roleOf, supervisorIds } from './roles.js';
import { openSession } from './sessions.js';

export interface LoginOutcome {
  user: SessionUser;
  token: string;
  expiresAt: Date;
  departments: { id: number; name: string }[];
}

/**
 * 免登: exchange a DingTalk login code for the user, record them (role decided now), learn their
 * departments and open a server-side session (audited). DingTalk is called before the short transaction
 * that upserts the user, never inside it. DingTalk failures reach the error middleware (bad code 401,
 * else 502/503).
 */
export async function loginWithDingTalk(
  deps: Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock' | 'settings'>,
  authCode: string,
  context: { ip?: string; requestId?: string } = {},
): Promise<LoginOutcome> {
  const identity = await deps.dingtalk.getUserByAuthCode(authCode);
  const profile = await deps.dingtalk.getUser(identity.userId);
  const role = roleOf(deps.settings.roles, await supervisorIds(deps.ds), profile.userId);
  const now = deps.clock.now();
  const row = { unionId: profile.unionId, name: profile.name, title: profile.title, departmentIds: profile.deptIds, role, updatedAt: now };
  const user: SessionUser = { userId: profile.userId, name: profile.name, role, departmentIds: profile.deptIds };

  const upsert = () =>
    inTransaction(deps.ds, async (em) => {
      const existing = await em.findOneBy(User, { dingtalkUserId: profile.userId });
      if (existing) await em.update(User, { id: existing.id }, row);
      else await em.insert(User, { id: randomUUID(), dingtalkUserId: profile.userId, createdAt: now, ...row });
      const session = await openSession(em, user, now, deps.settings.sessionTtlMs);
      await writeAudit(em, {
        actorType: 'user', actorId: user.userId, action: 'auth.login', subjectType: 'user', subjectId: user.userId,
        details: { role, ip: context.ip ?? null }, requestId: context.requestId ?? null,
      }, now);
      return session;
    });
  let session: { token: string; expiresAt: Date };
  try {
    session = await upsert();
  } catch (error) {
    // Two first logins of the same user raced: the other one inserted the row, so update it.
    if (!isUniqueViolation(error)) throw error;
    session = await upsert();
  }

  await learnDepartments(deps, profile.deptIds);
  return { user, token: session.token, expiresAt: session.expiresAt, departments: await departmentNames(deps.ds, user.departmentIds) };
}

/**
 * Sandbox mode only: a login code for a demo user, fetched from the sandbox as the DingTalk client
 * would have issued it. 404 outside sandbox mode and for users the sandbox does not know.
 */
export async function sandboxLoginCode(dingtalk: Pick<Config['dingtalk'], 'sandbox' | 'apiBase'>, userId: string): Promise<{ code: string }> {
  if (!dingtalk.sandbox) throw notFound('not_found', '未找到请求的资源');
  try {
    return await requestSandboxAuthCode({ baseUrl: dingtalk.apiBase }, userId);
  } catch (error) {
    if (isDingTalkError(error) && error.status === 404) throw notFound('not_found', `沙箱组织中没有用户 ${userId}`);
    throw error;
  }
}
