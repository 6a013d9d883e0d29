import type { AssignmentStatus } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { TrainingAssignment } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { conflict } from '../platform/http/errors.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { enqueueTrainingEvent, eventContexts, isDeliverable } from './events.js';
import { todoCloseEffect } from './kinds.js';

export interface CloseChange {
  status: Extract<AssignmentStatus, 'done' | 'waived'>;
  completedAt: Date | null;
  completionScore?: number | null;
  remark?: string | null;
  byUserId: string | null;
}

/**
 * Inside the caller's transaction: an open (assigned or overdue) assignment becomes done or waived;
 * the hire's 待办 is closed and the learning platform told, through the outbox. The same status again
 * is `unchanged`; done ↔ waived is refused (409 illegal_transition).
 */
export async function closeAssignment(em: EntityManager, deps: Pick<Deps, 'settings'>, assignment: TrainingAssignment, change: CloseChange, now: Date): Promise<{ assignment: TrainingAssignment; outcome: 'applied' | 'unchanged' }> {
  if (assignment.status === change.status) return { assignment, outcome: 'unchanged' };
  if (assignment.status !== 'assigned' && assignment.status !== 'overdue') {
    throw conflict('illegal_transition', '该培训安排已结束，不能再更改', { from: assignment.status, to: change.status });
  }
  const changes = {
    status: change.status,
    completedAt: change.completedAt,
    ...(change.completionScore !== undefined ? { completionScore: change.completionScore } : {}),
    remark: change.remark ?? assignment.remark,
    statusByUserId: change.byUserId,
    revision: assignment.revision + 1,
    updatedAt: now,
  };
  const updated = await em.update(TrainingAssignment, { id: assignment.id, status: assignment.status }, changes);
  if (!updated.affected) throw conflict('concurrent_update', '培训安排已被其他操作更新，请刷新后重试');
  const closed = { ...assignment, ...changes };
  if (isDeliverable(closed)) {
    await enqueue(em, todoCloseEffect(closed.id), now);
    await enqueueTrainingEvent(em, deps, eventContexts(), closed, now);
  }
  return { assignment: closed, outcome: 'applied' };
}
