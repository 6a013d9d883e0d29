import type { OutboxEffect } from '../platform/outbox/enqueue.js';

/** Outbox kinds the training feature owns (handlers.ts delivers them). */
export const TRAINING_KINDS = {
  notice: 'training.notice',
  deliver: 'training.deliver',
  todo: 'training.todo',
  todoClose: 'training.todo_close',
} as const;

/** Why HR get a training notice: assignments were created on entering a stage, or some became overdue. */
export type TrainingNotice = { type: 'assigned'; applicationId: string; trigger: string } | { type: 'overdue'; assignmentIds: string[] };

export function assignedNoticeEffect(applicationId: string, trigger: string): OutboxEffect {
  return { kind: TRAINING_KINDS.notice, payload: { type: 'assigned', applicationId, trigger }, dedupeKey: `training-assigned:${applicationId}:${trigger}` };
}

/** The hire's DingTalk 待办 for one assignment: created once. */
export function todoEffect(assignmentId: string): OutboxEffect {
  return { kind: TRAINING_KINDS.todo, payload: { assignmentId }, dedupeKey: `training-todo:${assignmentId}` };
}

/** Close the hire's 待办 once the assignment is done or waived. */
export function todoCloseEffect(assignmentId: string): OutboxEffect {
  return { kind: TRAINING_KINDS.todoClose, payload: { assignmentId }, dedupeKey: `training-todo-close:${assignmentId}` };
}
