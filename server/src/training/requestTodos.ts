import { Application, TrainingAssignment } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { todoEffect } from './kinds.js';

/** Assignments looked at per run at most. */
const BATCH = 200;

/**
 * Periodic: open courses and programmes of hires now linked to a DingTalk user, without a 待办 yet,
 * get one through the outbox (its dedupe key makes a repeat run a no-op).
 */
export async function requestTodos(deps: Pick<Deps, 'ds' | 'clock' | 'wake'>): Promise<{ requested: number }> {
  const rows = await deps.ds
    .getRepository(TrainingAssignment)
    .createQueryBuilder('t')
    .innerJoin(Application, 'a', 'a.id = t.applicationId')
    .select(['t.id', 't.createdAt'])
    .where('t.todoId IS NULL')
    .andWhere('t.kind IN (:...kinds)', { kinds: ['course', 'programme'] })
    .andWhere('t.status IN (:...statuses)', { statuses: ['assigned', 'overdue'] })
    .andWhere('a.employeeUserId IS NOT NULL')
    .andWhere('a.stage = :hired', { hired: 'hired' })
    .orderBy('t.createdAt', 'ASC')
    .limit(BATCH)
    .getMany();
  if (rows.length === 0) return { requested: 0 };
  const now = deps.clock.now();
  await inTransaction(deps.ds, async (em) => {
    for (const row of rows) await enqueue(em, todoEffect(row.id), now);
  });
  deps.wake();
  return { requested: rows.length };
}
