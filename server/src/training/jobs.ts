import type { Deps } from '../platform/deps.js';
import { markOverdue } from './markOverdue.js';
import { requestTodos } from './requestTodos.js';

/** The training feature's periodic work: 待办 for newly linked hires, then overdue assignments. */
export async function runTrainingJobs(deps: Deps): Promise<void> {
  await requestTodos(deps);
  await markOverdue(deps);
}
