import type { SandboxState, TodoTask } from './state.js';

/**
 * Work todos in the sandbox (DINGTALK.md §7.2): whose todo is whose. A user's todos are those created
 * under their unionId or naming them executor or participant.
 */

export function belongsTo(todo: TodoTask, unionId: string): boolean {
  return todo.unionId === unionId || todo.executorIds.includes(unionId) || todo.participantIds.includes(unionId);
}

/** The user's todos, newest first. */
export function todosOf(state: SandboxState, unionId: string): TodoTask[] {
  return state.todos.filter((todo) => belongsTo(todo, unionId)).reverse();
}
