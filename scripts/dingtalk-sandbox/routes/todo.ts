import Router from '@koa/router';
import type { Context } from 'koa';
import { requireToken } from '../auth.js';
import type { SandboxDeps } from '../deps.js';
import { apiError, body, isRecord, requestId } from '../http.js';
import { isKnownUnionId } from '../hrm.js';
import { randomId, type TodoTask } from '../state.js';
import { belongsTo } from '../todos.js';

/**
 * Work todos (DINGTALK.md §7.2). IDs are unionIds. One todo per sourceId: a second create with the
 * same sourceId answers 400 `todo.taskCreate.paramError` "task exist" (the documented error table).
 * Reading or updating a todo that is not the path user's (todos.ts) answers 400 `todo.task.notFound`,
 * as for one that does not exist.
 */
export function todoRouter(deps: SandboxDeps): Router {
  const router = new Router();
  const auth = requireToken(deps.tokens);
  const paramError = (message: string) => apiError(400, 'todo.taskCreate.paramError', message);

  router.post('/v1.0/todo/users/:unionId/tasks', auth, (ctx) => {
    const unionId = pathUnionId(ctx);
    const operatorId = operatorOf(ctx, unionId);
    const input = body(ctx);

    const { subject, description, sourceId, detailUrl } = input;
    if (typeof subject !== 'string' || subject === '') throw paramError('todo.taskCreate.paramError');
    if (subject.length > 1024) throw paramError('subject is oversize');
    if (description !== undefined && (typeof description !== 'string' || description.length > 4096)) throw paramError('description is oversize');
    if (!isRecord(detailUrl) || typeof detailUrl.appUrl !== 'string' || typeof detailUrl.pcUrl !== 'string') {
      throw paramError('detailUrl.appUrl and detailUrl.pcUrl are mandatory');
    }
    if (Buffer.byteLength(detailUrl.appUrl) > 1024 || Buffer.byteLength(detailUrl.pcUrl) > 1024) throw paramError('detailUrl is oversize');
    const executorIds = unionIds(input.executorIds, 'executors');
    const participantIds = unionIds(input.participantIds, 'participants');
    if (input.dueTime !== undefined && (typeof input.dueTime !== 'number' || input.dueTime <= 0)) throw paramError('dueTime is invalid');
    if (sourceId !== undefined && typeof sourceId !== 'string') throw paramError('sourceId must be a string');
    if (sourceId && deps.state.todos.some((todo) => todo.sourceId === sourceId)) throw paramError('task exist');

    const now = deps.now();
    const extra = Object.fromEntries(Object.entries(input).filter(([key]) => !MODELLED_FIELDS.has(key)));
    const todo: TodoTask = {
      id: `task${randomId(24)}`,
      unionId,
      operatorId,
      subject,
      description,
      dueTime: typeof input.dueTime === 'number' ? input.dueTime : undefined,
      executorIds,
      participantIds,
      detailUrl: { appUrl: detailUrl.appUrl, pcUrl: detailUrl.pcUrl },
      sourceId: sourceId || undefined,
      creatorId: typeof input.creatorId === 'string' ? input.creatorId : operatorId,
      priority: typeof input.priority === 'number' ? input.priority : undefined,
      isOnlyShowExecutor: typeof input.isOnlyShowExecutor === 'boolean' ? input.isOnlyShowExecutor : undefined,
      done: false,
      createdTime: now,
      modifiedTime: now,
      extra,
    };
    deps.state.todos.push(todo);
    ctx.body = presentTodo(todo);
  });

  router.get('/v1.0/todo/users/:unionId/tasks/sources/:sourceId', auth, (ctx) => {
    const unionId = pathUnionId(ctx);
    const todo = deps.state.todos.find((t) => t.sourceId === ctx.params.sourceId && belongsTo(t, unionId));
    if (!todo) throw apiError(400, 'todo.task.notFound', `sourceId ${ctx.params.sourceId ?? ''} 不存在`);
    ctx.body = presentTodo(todo);
  });

  router.put('/v1.0/todo/users/:unionId/tasks/:taskId', auth, (ctx) => {
    const unionId = pathUnionId(ctx);
    const operatorId = operatorOf(ctx, unionId);
    const todo = deps.state.todos.find((t) => t.id === ctx.params.taskId && belongsTo(t, unionId));
    if (!todo) throw apiError(400, 'todo.task.notFound', `待办不存在: ${ctx.params.taskId ?? ''}`);
    const input = body(ctx);
    if (input.done !== undefined && typeof input.done !== 'boolean') throw apiError(400, 'invalidParameter', 'done must be a boolean');
    if (typeof input.done === 'boolean') {
      todo.done = input.done;
      todo.finishTime = input.done ? deps.now() : undefined;
    }
    if (typeof input.subject === 'string' && input.subject !== '') todo.subject = input.subject;
    if (typeof input.description === 'string') todo.description = input.description;
    if (typeof input.dueTime === 'number') todo.dueTime = input.dueTime;
    if (input.executorIds !== undefined) todo.executorIds = unionIds(input.executorIds, 'executors');
    if (input.participantIds !== undefined) todo.participantIds = unionIds(input.participantIds, 'participants');
    todo.modifierId = operatorId;
    todo.modifiedTime = deps.now();
    ctx.body = { result: true };
  });

  /** The path's unionId, which must be someone in the organisation. */
  function pathUnionId(ctx: Context): string {
    const unionId = ctx.params.unionId ?? '';
    if (!isKnownUnionId(deps.state, deps.org, unionId)) throw apiError(400, 'invalidParameter', `unionId 不存在: ${unionId}`);
    return unionId;
  }

  /** `?operatorId=`, someone in the organisation; the path's user when absent. */
  function operatorOf(ctx: Context, unionId: string): string {
    const operatorId = queryString(ctx, 'operatorId') ?? unionId;
    if (!isKnownUnionId(deps.state, deps.org, operatorId)) throw apiError(400, 'invalidParameter', `operatorId 不存在: ${operatorId}`);
    return operatorId;
  }

  function unionIds(raw: unknown, label: string): string[] {
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw) || raw.some((id) => typeof id !== 'string')) throw paramError(`${label} must be an array of unionIds`);
    if (raw.length > 1000) throw paramError(`${label} is oversize`);
    for (const id of raw as string[]) {
      if (!isKnownUnionId(deps.state, deps.org, id)) throw paramError(`${label}: unionId 不存在 ${id}`);
    }
    return raw as string[];
  }

  return router;
}

const MODELLED_FIELDS = new Set(['subject', 'description', 'sourceId', 'detailUrl', 'executorIds', 'participantIds', 'dueTime', 'creatorId', 'priority', 'isOnlyShowExecutor']);

function queryString(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The create response echoes the task (SDK CreateTodoTaskResponseBody); the read by source answers the same shape. */
function presentTodo(todo: TodoTask) {
  return {
    id: todo.id,
    subject: todo.subject,
    ...(todo.description === undefined ? {} : { description: todo.description }),
    startTime: todo.createdTime,
    ...(todo.dueTime === undefined ? {} : { dueTime: todo.dueTime }),
    ...(todo.finishTime === undefined ? {} : { finishTime: todo.finishTime }),
    done: todo.done,
    executorIds: todo.executorIds,
    participantIds: todo.participantIds,
    detailUrl: todo.detailUrl,
    source: 'isv_dingtalkTodo',
    ...(todo.sourceId === undefined ? {} : { sourceId: todo.sourceId }),
    createdTime: todo.createdTime,
    modifiedTime: todo.modifiedTime,
    creatorId: todo.creatorId,
    modifierId: todo.modifierId ?? todo.operatorId,
    bizTag: 'isv',
    requestId: requestId(),
    ...(todo.priority === undefined ? {} : { priority: todo.priority }),
    ...(todo.isOnlyShowExecutor === undefined ? {} : { isOnlyShowExecutor: todo.isOnlyShowExecutor }),
  };
}
