import { z } from 'zod';
import { STAGES, STAGE_LABELS, type Stage } from './labels.js';

export { STAGES, STAGE_LABELS, type Stage };

export const StageSchema = z.enum(STAGES);

const TRANSITIONS: Record<Stage, readonly Stage[]> = {
  ai_interviewed: ['in_review'],
  // HR may also send a candidate to retake the whole AI interview (after a course) or fast-track them to 复试.
  in_review: ['second_interview', 'rejected', 'supplementary_test', 'retake_requested'],
  supplementary_test: ['in_review'],
  retake_requested: ['in_review'],
  // After 复试: HR record the outcome (hired, not passed, or the candidate withdrew).
  second_interview: ['hired', 'rejected', 'withdrawn'],
  hired: ['left'],
  rejected: ['retake_requested'],
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
