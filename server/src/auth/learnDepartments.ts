import { In } from 'typeorm';
import { Department } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';

/**
 * Learn the departments we have not seen yet from DingTalk (at login). Best effort: a department
 * DingTalk will not describe keeps its placeholder name, and login goes on.
 */
export async function learnDepartments(deps: Pick<Deps, 'ds' | 'dingtalk' | 'log'>, ids: readonly number[]): Promise<void> {
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
