import type { AssignmentStatusInput, AssignmentStatusResult, OwnTrainingAssignment, TrainingRulesInput, TrainingRulesView } from '@aireview/shared';
import { request } from './http';

const rulesPath = (positionCode: string) => `/positions/${encodeURIComponent(positionCode)}/training-rules`;

/** A position's training rules (培训规则): the current version (0 while it has none) and the earlier ones. */
export function getTrainingRules(positionCode: string, signal?: AbortSignal): Promise<TrainingRulesView> {
  return request<TrainingRulesView>(rulesPath(positionCode), { signal });
}

/**
 * HR and admin: the whole rule set as a new version. `expectedVersion` is the version the editor
 * started from: if someone published meanwhile the server answers `concurrent_update`.
 */
export function publishTrainingRules(positionCode: string, input: TrainingRulesInput): Promise<TrainingRulesView> {
  return request<TrainingRulesView>(rulesPath(positionCode), { method: 'PUT', body: input });
}

/** HR and admin: mark an assignment 已完成 or 已免除, with an optional remark. */
export function setAssignmentStatus(assignmentId: string, input: AssignmentStatusInput): Promise<AssignmentStatusResult> {
  return request<AssignmentStatusResult>(`/training-assignments/${encodeURIComponent(assignmentId)}/status`, { method: 'POST', body: input });
}

/** The signed-in user's own courses and programmes, as a hire (我的培训). */
export function listOwnTrainingAssignments(signal?: AbortSignal): Promise<OwnTrainingAssignment[]> {
  return request<OwnTrainingAssignment[]>('/me/training-assignments', { signal });
}
