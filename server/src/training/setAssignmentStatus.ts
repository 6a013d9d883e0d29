import type { AssignmentStatusInput, AssignmentStatusResult, SessionUser } from '@aireview/shared';
import { findVisibleApplication, presentTrainingAssignment } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import { TrainingAssignment } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { forbidden, notFound } from '../platform/http/errors.js';
import { closeAssignment } from './closeAssignment.js';
import { RULE_EDITORS } from './publishTrainingRules.js';

/**
 * HR mark an assignment done (已完成) or waived (已免除), with an optional remark. An assignment of a
 * file outside the viewer's scope is 404 like an unknown one; in scope but not HR/admin is 403. Audited.
 */
export async function setAssignmentStatus(
  deps: Pick<Deps, 'ds' | 'clock' | 'wake' | 'settings'>,
  viewer: SessionUser,
  assignmentId: string,
  input: AssignmentStatusInput,
  requestId?: string,
): Promise<AssignmentStatusResult> {
  const found = await deps.ds.getRepository(TrainingAssignment).findOneBy({ id: assignmentId });
  if (!found) throw notFound('unknown_assignment', '培训安排不存在');
  await findVisibleApplication(deps.ds, viewer, found.applicationId).catch(() => {
    throw notFound('unknown_assignment', '培训安排不存在');
  });
  if (!RULE_EDITORS.includes(viewer.role)) throw forbidden('forbidden', '只有 HR 和管理员可以更改培训状态');
  const now = deps.clock.now();
  const remark = input.remark?.trim() ? input.remark.trim() : null;
  const result = await inTransaction(deps.ds, async (em) => {
    const assignment = await em.findOneByOrFail(TrainingAssignment, { id: assignmentId });
    const closed = await closeAssignment(em, deps, assignment, { status: input.status, completedAt: input.status === 'done' ? now : null, remark, byUserId: viewer.userId }, now);
    if (closed.outcome === 'applied') {
      await writeAudit(em, {
        actorType: 'user',
        actorId: viewer.userId,
        action: 'training.status_changed',
        subjectType: 'application',
        subjectId: assignment.applicationId,
        details: { assignmentId, title: assignment.title, from: assignment.status, to: input.status, remark },
        requestId: requestId ?? null,
      }, now);
    }
    return closed;
  });
  if (result.outcome === 'applied') deps.wake();
  return { assignment: presentTrainingAssignment(result.assignment), outcome: result.outcome };
}
