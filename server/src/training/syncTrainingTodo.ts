import { IsNull } from 'typeorm';
import { appPageUrl } from '../platform/appLinks.js';
import { Application, TrainingAssignment } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';

type TodoDeps = Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock' | 'settings'>;

const isOpen = (a: TrainingAssignment) => a.status === 'assigned' || a.status === 'overdue';

/**
 * Outbox handler of `training.todo`: the hire's DingTalk 待办 for an open course or programme, once they
 * are linked to a DingTalk user. The assignment id is the todo's key, so an earlier attempt's todo
 * (a crash or a lost answer after DingTalk created it) is found and adopted, never created twice. An
 * assignment closed meanwhile gets its todo closed at once.
 */
export async function createTrainingTodo(deps: TodoDeps, payload: { assignmentId: string }): Promise<'created' | 'adopted' | 'skipped'> {
  const assignment = await deps.ds.getRepository(TrainingAssignment).findOneByOrFail({ id: payload.assignmentId });
  if (assignment.todoId || !isOpen(assignment)) return 'skipped';
  const application = await deps.ds.getRepository(Application).findOneByOrFail({ id: assignment.applicationId });
  if (!application.employeeUserId) throw new PermanentDeliveryError(`application ${application.id} is not linked to a DingTalk user yet`);
  const userId = application.employeeUserId;
  const found = await deps.dingtalk.findTodoByKey({ userId, key: assignment.id });
  let todoId: string;
  let how: 'created' | 'adopted';
  if (found) {
    todoId = found.id;
    how = 'adopted';
  } else {
    try {
      ({ id: todoId } = await deps.dingtalk.createTodo({
        userId,
        subject: `培训：${assignment.title}${assignment.mandatory ? '（必修）' : ''}`,
        description: assignment.kind === 'programme' ? '你已入选储备主管培养计划，请按安排参加。' : '请在学习平台完成该课程，完成后此待办会自动关闭。',
        detailUrl: appPageUrl(deps.settings.publicBaseUrl, '/me'),
        key: assignment.id,
        ...(assignment.dueAt ? { dueAt: assignment.dueAt } : {}),
      }));
      how = 'created';
    } catch (error) {
      if (isDingTalkError(error) && !error.retryable) throw new PermanentDeliveryError(`DingTalk refused the todo: ${error.code} ${error.message}`);
      throw error;
    }
  }
  await deps.ds.getRepository(TrainingAssignment).update({ id: assignment.id, todoId: IsNull() }, { todoId, updatedAt: deps.clock.now() });
  deps.log.info({ assignmentId: assignment.id, todoId }, `training todo ${how}`);
  const latest = await deps.ds.getRepository(TrainingAssignment).findOneByOrFail({ id: assignment.id });
  if (!isOpen(latest)) await deps.dingtalk.completeTodo({ userId, todoId });
  return how;
}

/**
 * Outbox handler of `training.todo_close`: the assignment was done or waived, so the hire's 待办 is
 * marked done. Without a DingTalk user or a todo there is nothing to close.
 */
export async function closeTrainingTodo(deps: TodoDeps, payload: { assignmentId: string }): Promise<'closed' | 'none'> {
  const assignment = await deps.ds.getRepository(TrainingAssignment).findOneByOrFail({ id: payload.assignmentId });
  const application = await deps.ds.getRepository(Application).findOneByOrFail({ id: assignment.applicationId });
  if (!application.employeeUserId) return 'none';
  const userId = application.employeeUserId;
  const todoId = assignment.todoId ?? (await deps.dingtalk.findTodoByKey({ userId, key: assignment.id }))?.id;
  if (!todoId) return 'none';
  try {
    await deps.dingtalk.completeTodo({ userId, todoId });
  } catch (error) {
    if (isDingTalkError(error) && error.kind === 'not_found') return 'none';
    throw error;
  }
  return 'closed';
}
