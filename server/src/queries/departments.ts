import { In, type DataSource } from 'typeorm';
import { Department } from '../db/entities/index.js';
import type { DingTalkPort } from '../dingtalk/port.js';
import type { Logger } from '../logger.js';

/** Names of the given departments, in the given order; unknown ids read as 部门 <id>. */
export async function departmentNames(ds: DataSource, ids: readonly number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await ds.getRepository(Department).findBy({ id: In([...ids]) });
  return ids.map((id) => ({ id, name: rows.find((r) => r.id === id)?.name ?? `部门 ${id}` }));
}

/**
 * Learn the departments we have not seen yet from DingTalk (at login). Best effort: a department
 * DingTalk will not describe keeps its placeholder name, and login goes on.
 */
export async function rememberDepartments(deps: { ds: DataSource; dingtalk: DingTalkPort; log: Logger }, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const repo = deps.ds.getRepository(Department);
  const known = new Set((await repo.findBy({ id: In([...ids]) })).map((d) => d.id));
  for (const id of ids.filter((i) => !known.has(i))) {
    try {
      const dept = await deps.dingtalk.getDepartment(id);
      await repo.upsert({ id: dept.deptId, name: dept.name, parentId: dept.parentId }, ['id']);
    } catch (error) {
      deps.log.warn({ err: error, deptId: id }, 'could not read a department from DingTalk');
    }
  }
}
