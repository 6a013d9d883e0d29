import type { Role, SessionUser } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import type { Config } from '../platform/config.js';
import { Position, User } from '../platform/db/entities/index.js';

/** Admin and HR by configuration; supervisor when any position names the user; everyone else is staff. */
export function roleOf(roles: Pick<Config['roles'], 'adminUserIds' | 'hrUserIds'>, supervisedBy: ReadonlySet<string>, userId: string): Role {
  if (roles.adminUserIds.includes(userId)) return 'admin';
  if (roles.hrUserIds.includes(userId)) return 'hr';
  if (supervisedBy.has(userId)) return 'supervisor';
  return 'staff';
}

/** The users that any position names as a supervisor. */
export async function supervisorIds(ds: DataSource): Promise<Set<string>> {
  const positions = await ds.getRepository(Position).find({ select: { id: true, supervisorUserIds: true } });
  return new Set(positions.flatMap((p) => p.supervisorUserIds));
}

/**
 * Who a user is now: role from the current configuration and positions, name and departments from
 * the database. Null when the user no longer exists.
 */
export async function resolveUser(ds: DataSource, roles: Config['roles'], userId: string): Promise<SessionUser | null> {
  const user = await ds.getRepository(User).findOne({ where: { dingtalkUserId: userId }, select: { id: true, dingtalkUserId: true, name: true, departmentIds: true } });
  if (!user) return null;
  return { userId, name: user.name, role: roleOf(roles, await supervisorIds(ds), userId), departmentIds: user.departmentIds };
}
