import type { ClientConfig, Role } from '@aireview/shared';
import { In, type DataSource } from 'typeorm';
import type { Config } from '../platform/config.js';
import { Department, User } from '../platform/db/entities/index.js';

const ROLE_ORDER: Record<Role, number> = { admin: 0, hr: 1, supervisor: 2, staff: 3 };

/** What the H5 app needs before login; in sandbox mode also the users its login picker offers. */
export async function clientConfig(ds: DataSource, dingtalk: Pick<Config['dingtalk'], 'sandbox' | 'corpId' | 'appKey' | 'agentId'>): Promise<ClientConfig> {
  let sandbox: ClientConfig['sandbox'] = null;
  if (dingtalk.sandbox) {
    const users = await ds.getRepository(User).find({ select: { dingtalkUserId: true, name: true, title: true, role: true } });
    sandbox = {
      users: users
        .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.dingtalkUserId.localeCompare(b.dingtalkUserId))
        .map((u) => ({ userId: u.dingtalkUserId, name: u.name, title: u.title, role: u.role })),
    };
  }
  return { corpId: dingtalk.corpId, clientId: dingtalk.appKey, agentId: dingtalk.agentId, sandbox };
}

/** Names of the given departments, in the given order; unknown ids read as 部门 <id>. */
export async function departmentNames(ds: DataSource, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await ds.getRepository(Department).findBy({ id: In([...ids]) });
  return ids.map((id) => ({ id, name: rows.find((r) => r.id === id)?.name ?? `部门 ${id}` }));
}
