import { z } from 'zod';

/** Stages of one candidate application (candidate × position). */
export const STAGES = ['ai_interviewed', 'in_review', 'second_interview', 'rejected', 'supplementary_test'] as const;

export const StageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof StageSchema>;

export const STAGE_LABELS: Record<Stage, string> = {
  ai_interviewed: 'AI面试完成',
  in_review: '待审核',
  second_interview: '复试',
  rejected: '不通过',
  supplementary_test: '补充测试',
};

const TRANSITIONS: Record<Stage, readonly Stage[]> = {
  ai_interviewed: ['in_review'],
  in_review: ['second_interview', 'rejected', 'supplementary_test'],
  supplementary_test: ['in_review'],
  second_interview: [],
  rejected: [],
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
