import type { TrainingWebhookEvent } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import type { OutboxHandlers } from '../platform/outbox/worker.js';
import { deliverTrainingEvent } from './deliverTrainingEvent.js';
import { TRAINING_KINDS, type TrainingNotice } from './kinds.js';
import { sendTrainingNotice } from './sendTrainingNotice.js';
import { closeTrainingTodo, createTrainingTodo } from './syncTrainingTodo.js';

/** The outbox kinds the training feature delivers. */
export function trainingHandlers(deps: Deps): OutboxHandlers {
  return {
    [TRAINING_KINDS.notice]: async (message) => {
      await sendTrainingNotice(deps, message.payload as unknown as TrainingNotice);
    },
    [TRAINING_KINDS.deliver]: async (message) => {
      await deliverTrainingEvent(deps, message.payload as { event: TrainingWebhookEvent });
    },
    [TRAINING_KINDS.todo]: async (message, log) => {
      await createTrainingTodo({ ...deps, log }, message.payload as { assignmentId: string });
    },
    [TRAINING_KINDS.todoClose]: async (message, log) => {
      await closeTrainingTodo({ ...deps, log }, message.payload as { assignmentId: string });
    },
  };
}
