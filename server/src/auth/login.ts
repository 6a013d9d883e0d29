import { randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { Position, User } from '../db/entities/index.js';
import { inTransaction, isUniqueViolation } from '../db/transaction.js';
import { isDingTalkError, type DingTalkPort } from '../dingtalk/port.js';
import { requestSandboxAuthCode } from '../dingtalk/sandboxControl.js';
import { AppError, notFound, unauthorized } from '../errors.js';
import type { Logger } from '../logger.js';
import { departmentNames, rememberDepartments } from '../queries/departments.js';
import { signSession } from './session.js';

export interface LoginDeps {
  ds: DataSource;
  dingtalk: DingTalkPort;
  log: Logger;
  roles: Config['roles'];
  sessionSecret: string;
  sessionTtlMs: number;
  now?: () => Date;
}

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

/** DingTalk failures as the app sees them: a bad code is the user's problem, the rest is DingTalk's. */
export function loginError(error: unknown): unknown {
  if (!isDingTalkError(error)) return error;
  if (error.kind === 'auth_code') return unauthorized('bad_auth_code', '登录码无效或已过期，请重新进入应用');
  return new AppError(error.retryable ? 503 : 502, 'dingtalk_unavailable', '暂时无法连接钉钉，请稍后重试');
}

/**
 * 免登: exchange a DingTalk login code for the user, record them (role decided now) and sign a
 * session. DingTalk is called before the short transaction that upserts the user, never inside it.
 */
export async function loginWithDingTalk(deps: LoginDeps, authCode: string): Promise<LoginOutcome> {
  let profile: Awaited<ReturnType<DingTalkPort['getUser']>>;
  try {
    const identity = await deps.dingtalk.getUserByAuthCode(authCode);
    profile = await deps.dingtalk.getUser(identity.userId);
  } catch (error) {
    throw loginError(error);
  }
  const positions = await deps.ds.getRepository(Position).find({ select: { id: true, supervisorUserIds: true } });
  const role = roleOf(deps.roles, new Set(positions.flatMap((p) => p.supervisorUserIds)), profile.userId);
  const now = deps.now?.() ?? new Date();
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

  await rememberDepartments(deps, profile.deptIds);
  const user: SessionUser = { userId: profile.userId, name: profile.name, role, departmentIds: profile.deptIds };
  const expiresAt = new Date(now.getTime() + deps.sessionTtlMs);
  const token = signSession(deps.sessionSecret, { sub: user.userId, role, name: user.name, dept: user.departmentIds, exp: expiresAt.getTime() });
  return { user, token, expiresAt, departments: await departmentNames(deps.ds, user.departmentIds) };
}

/**
 * Sandbox mode only: a login code for a demo user, fetched from the sandbox as the DingTalk client
 * would have issued it. 404 outside sandbox mode and for users the sandbox does not know.
 */
export async function sandboxLoginCode(dingtalk: { sandbox: boolean; apiBase: string }, userId: string): Promise<{ code: string }> {
  if (!dingtalk.sandbox) throw notFound('not_found', '未找到请求的资源');
  try {
    return await requestSandboxAuthCode({ baseUrl: dingtalk.apiBase }, userId);
  } catch (error) {
    if (isDingTalkError(error) && error.status === 404) throw notFound('not_found', `沙箱组织中没有用户 ${userId}`);
    throw loginError(error);
  }
}
