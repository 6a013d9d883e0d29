import type { AssignmentStatusResult, TrainingCompletionInput } from '@aireview/shared';
import { In, type EntityManager } from 'typeorm';
import { presentTrainingAssignment } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import { Application, TrainingAssignment } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { conflict, notFound } from '../platform/http/errors.js';
import { closeAssignment } from './closeAssignment.js';

/**
 * The learning platform reports a completion (POST /api/v1/training-completions, signed with
 * IMPORT_SECRET): by our assignment id, or by the employee id (ours from the QA system, or the
 * DingTalk user id) and the course title. Unknown → 404; a repeat → `unchanged`; a waived
 * assignment stays waived (409). Audited, the 待办 closed through the outbox.
 */
export async function recordCompletion(deps: Pick<Deps, 'ds' | 'clock' | 'wake' | 'settings'>, input: TrainingCompletionInput, requestId?: string): Promise<AssignmentStatusResult> {
  const now = deps.clock.now();
  const result = await inTransaction(deps.ds, async (em) => {
    const assignment = await findAssignment(em, input);
    const closed = await closeAssignment(em, deps, assignment, {
      status: 'done',
      completedAt: new Date(input.completedAt),
      completionScore: input.score ?? null,
      byUserId: null,
    }, now);
    if (closed.outcome === 'applied') {
      await writeAudit(em, {
        actorType: 'system',
        actorId: null,
        action: 'training.completed',
        subjectType: 'application',
        subjectId: assignment.applicationId,
        details: { assignmentId: assignment.id, title: assignment.title, completedAt: input.completedAt, score: input.score ?? null, source: 'learning_platform' },
        requestId: requestId ?? null,
      }, now);
    }
    return closed;
  });
  if (result.outcome === 'applied') deps.wake();
  return { assignment: presentTrainingAssignment(result.assignment), outcome: result.outcome };
}

async function findAssignment(em: EntityManager, input: TrainingCompletionInput): Promise<TrainingAssignment> {
  if ('assignmentId' in input) {
    const found = await em.findOneBy(TrainingAssignment, { id: input.assignmentId });
    if (!found) throw notFound('unknown_assignment', `培训安排 ${input.assignmentId} 不存在`);
    return found;
  }
  const applications = await em.find(Application, { where: [{ employeeId: input.employeeId }, { employeeUserId: input.employeeId }], select: { id: true } });
  if (applications.length === 0) throw notFound('unknown_employee', `员工 ${input.employeeId} 不存在`);
  const matches = await em.findBy(TrainingAssignment, { applicationId: In(applications.map((a) => a.id)), title: input.title.trim() });
  if (matches.length === 0) throw notFound('unknown_assignment', `员工 ${input.employeeId} 没有「${input.title}」的培训安排`);
  const open = matches.filter((a) => a.status === 'assigned' || a.status === 'overdue');
  if (open.length > 1) throw conflict('ambiguous_employee', `员工 ${input.employeeId} 有多个未完成的「${input.title}」，请按 assignmentId 上报`, { assignmentIds: open.map((a) => a.id) });
  return open[0] ?? matches.find((a) => a.status === 'done') ?? matches[0]!;
}
