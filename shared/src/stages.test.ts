import { describe, it, expect } from 'vitest';
import { STAGES, STAGE_LABELS, StageSchema, allowedTransitions, canTransition, isTerminalStage, type Stage } from './stages.js';

/** The stage machine from the issue, written out independently of the implementation. */
const ALLOWED: readonly (readonly [Stage, Stage])[] = [
  ['ai_interviewed', 'in_review'],
  ['in_review', 'second_interview'],
  ['in_review', 'rejected'],
  ['in_review', 'supplementary_test'],
  ['in_review', 'retake_requested'],
  ['rejected', 'retake_requested'],
  ['retake_requested', 'in_review'],
  ['supplementary_test', 'in_review'],
  ['second_interview', 'hired'],
  ['second_interview', 'rejected'],
  ['second_interview', 'withdrawn'],
  ['hired', 'left'],
];

const isAllowed = (from: Stage, to: Stage) => ALLOWED.some(([f, t]) => f === from && t === to);
const refused = STAGES.flatMap((from) => STAGES.map((to) => [from, to] as const)).filter(([from, to]) => !isAllowed(from, to));

describe('stage transitions', () => {
  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it('refuses every other pair of stages', () => {
    expect(refused).toHaveLength(STAGES.length * STAGES.length - ALLOWED.length);
  });

  it.each(refused)('refuses %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it.each(STAGES)('lists exactly the allowed targets from %s', (from) => {
    const expected = ALLOWED.filter(([f]) => f === from).map(([, t]) => t);
    expect([...allowedTransitions(from)].sort()).toEqual([...expected].sort());
  });
});

describe('isTerminalStage', () => {
  it.each(['withdrawn', 'left'] as const)('%s is terminal', (stage) => {
    expect(isTerminalStage(stage)).toBe(true);
  });

  it.each(['ai_interviewed', 'in_review', 'supplementary_test', 'retake_requested', 'second_interview', 'hired', 'rejected'] as const)('%s is not terminal', (stage) => {
    expect(isTerminalStage(stage)).toBe(false);
  });
});

describe('StageSchema', () => {
  it('accepts every stage and has a label for each', () => {
    for (const stage of STAGES) {
      expect(StageSchema.parse(stage)).toBe(stage);
      expect(STAGE_LABELS[stage]).toMatch(/\S/);
    }
  });

  it('refuses an unknown stage', () => {
    expect(StageSchema.safeParse('onboarded').success).toBe(false);
  });
});
