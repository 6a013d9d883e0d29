import { randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '@aireview/shared';
import type { Config } from '../platform/config.js';
import { Position, User } from '../platform/db/entities/index.js';
import { inTransaction, isUniqueViolation } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { requestSandboxAuthCode } from '../platform/dingtalk/sandboxControl.js';
import { notFound } from '../platform/http/errors.js';
import { signSession } from '../platform/http/sessionToken.js';
import { learnDepartments } from './learnDepartments.js';
import { departmentNames } from './queries.js';

export interface LoginOutcome {
  user: SessionUser;
  token: string;
  expiresAt: Date;
  departments: { id: number; name: string }[];
}

/** Admin and HR by configuration; supervisor when any position names the user; everyone else is staff. */
export function roleOf(roles: Pick<Config['roles'], 'adminUserIds' | 'hrUserIds'>, supervisedBy: ReadonlySet<string>, userId: string): Role {
  if (roles.adminUserIds.includes(userId)) return 'admin';
  if (roles.hrUserIds.includes(userId)) return 'hr';
  if (supervisedBy.has(userId)) return 'supervisor';
  return 'staff';
}

/**
 * 免登: exchange a DingTalk login code for the user, record them (role decided now), learn their
 * departments and sign a session. DingTalk is called before the short transaction that upserts the
 * user, never inside it. DingTalk failures reach the error middleware (bad code 401, else 502/503).
 */
export async function loginWithDingTalk(deps: Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock' | 'settings'>, authCode: string): Promise<LoginOutcome> {
  const identity = await deps.dingtalk.getUserByAuthCode(authCode);
  const profile = await deps.dingtalk.getUser(identity.userId);
  const positions = await deps.ds.getRepository(Position).find({ select: { id: true, supervisorUserIds: true } });
  const role = roleOf(deps.settings.roles, new Set(positions.flatMap((p) => p.supervisorUserIds)), profile.userId);
  const now = deps.clock.now();
  const row = { unionId: profile.unionId, name: profile.name, title: profile.title, departmentIds: profile.deptIds, role, updatedAt: now };

  const upsert = () =>
    inTransaction(deps.ds, async (em) => {
      const existing = await em.findOneBy(User, { dingtalkUserId: profile.userId });
      if (existing) await em.update(User, { id: existing.id }, row);
      else await em.insert(User, { id: randomUUID(), dingtalkUserId: profile.userId, createdAt: now, ...row });
    });
  try {
    await upsert();
  } catch (error) {
    // Two first logins of the same user raced: the other one inserted the row, so update it.
    if (!isUniqueViolation(error)) throw error;
    await upsert();
  }

  await learnDepartments(deps, profile.deptIds);
  const user: SessionUser = { userId: profile.userId, name: profile.name, role, departmentIds: profile.deptIds };
  const expiresAt = new Date(now.getTime() + deps.settings.sessionTtlMs);
  const token = signSession(deps.settings.sessionSecret, { sub: user.userId, role, name: user.name, dept: user.departmentIds, exp: expiresAt.getTime() });
  return { user, token, expiresAt, departments: await departmentNames(deps.ds, user.departmentIds) };
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
