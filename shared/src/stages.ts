import { z } from 'zod';
import { STAGES, STAGE_LABELS, type Stage } from './labels.js';

export { STAGES, STAGE_LABELS, type Stage };

export const StageSchema = z.enum(STAGES);

const TRANSITIONS: Record<Stage, readonly Stage[]> = {
  ai_interviewed: ['in_review'],
  in_review: ['second_interview', 'rejected', 'supplementary_test'],
  supplementary_test: ['in_review'],
  // After 复试: HR record the outcome (hired, not passed, or the candidate withdrew).
  second_interview: ['hired', 'rejected', 'withdrawn'],
  hired: ['left'],
  rejected: [],
  withdrawn: [],
  left: [],
};

export function allowedTransitions(from: Stage): readonly Stage[] {
  return TRANSITIONS[from];
}

export function canTransition(from: Stage, to: Stage): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Final stages: no further transition is possible. */
export function isTerminalStage(stage: Stage): boolean {
  return TRANSITIONS[stage].length === 0;
}
