import { IsNull } from 'typeorm';
import { Application } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { shanghaiDay } from '../platform/dates.js';
import { hiresToLink } from './queries.js';

/** Hires looked up per run at most. */
const LINK_BATCH = 200;

/**
 * Periodic: a hire whose onboarding date has come is linked to their DingTalk user once DingTalk knows
 * someone in the organisation with their mobile (HR completed the onboarding in 智能人事). Each hire is
 * looked up on its own; a failure is logged and tried again next run.
 */
export async function linkEmployees(deps: Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock'>): Promise<{ linked: number; checked: number }> {
  const today = shanghaiDay(deps.clock.now());
  const due = await hiresToLink(deps.ds, today, LINK_BATCH);
  let linked = 0;
  for (const { application, mobile } of due) {
    if (!mobile) continue;
    try {
      const userId = await deps.dingtalk.findUserIdByMobile(mobile);
      if (!userId) continue;
      const result = await deps.ds.getRepository(Application).update(
        { id: application.id, stage: 'hired', employeeUserId: IsNull() },
        { employeeUserId: userId, updatedAt: deps.clock.now() },
      );
      if (result.affected) {
        linked += 1;
        deps.log.info({ applicationId: application.id, employeeUserId: userId }, 'hire linked to their DingTalk user');
      }
    } catch (error) {
      deps.log.warn({ err: error, applicationId: application.id }, 'could not look up the hire in DingTalk; will try again');
    }
  }
  return { linked, checked: due.length };
}
