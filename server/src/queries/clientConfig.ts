import type { ClientConfig, Role } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { User } from '../db/entities/index.js';

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
