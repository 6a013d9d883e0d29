import { createHash } from 'node:crypto';
import { LessThan } from 'typeorm';
import { TrainingAssignment } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { enqueueTrainingEvent, eventContexts } from './events.js';
import { TRAINING_KINDS } from './kinds.js';

/** Assignments marked per run at most (the rest wait for the next run). */
const BATCH = 500;

/**
 * Periodic: open assignments past their due date become overdue (已逾期), and HR get one notice
 * listing the ones this run marked. Each row flips only from `assigned`, so several instances running
 * the job never mark (or announce) the same assignment twice.
 */
export async function markOverdue(deps: Pick<Deps, 'ds' | 'clock' | 'wake' | 'settings' | 'log'>): Promise<{ marked: number }> {
  const now = deps.clock.now();
  const due = await deps.ds.getRepository(TrainingAssignment).find({ where: { status: 'assigned', dueAt: LessThan(now) }, order: { dueAt: 'ASC' }, take: BATCH });
  if (due.length === 0) return { marked: 0 };
  const marked = await inTransaction(deps.ds, async (em) => {
    const flipped: TrainingAssignment[] = [];
    for (const assignment of due) {
      const changes = { status: 'overdue' as const, revision: assignment.revision + 1, updatedAt: now };
      const result = await em.update(TrainingAssignment, { id: assignment.id, status: 'assigned' }, changes);
      if (result.affected) flipped.push({ ...assignment, ...changes });
    }
    if (flipped.length === 0) return [];
    const contexts = eventContexts();
    for (const assignment of flipped) await enqueueTrainingEvent(em, deps, contexts, assignment, now);
    const ids = flipped.map((a) => a.id).sort();
    const key = createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 32);
    await enqueue(em, { kind: TRAINING_KINDS.notice, payload: { type: 'overdue', assignmentIds: ids }, dedupeKey: `training-overdue:${key}` }, now);
    return flipped;
  });
  if (marked.length > 0) {
    deps.wake();
    deps.log.info({ marked: marked.length }, 'training assignments marked overdue');
  }
  return { marked: marked.length };
}

