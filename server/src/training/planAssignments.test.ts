import type { TrainingRule } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_TRAINING_RULES } from '../../test/trainingFixtures.js';
import { planAssignments } from './planAssignments.js';

const rules = DEMO_TRAINING_RULES as TrainingRule[];
const ids = (plan: ReturnType<typeof planAssignments>) => plan.map((p) => p.rule.id);

describe('planAssignments (the demo rules)', () => {
  it('low 服务意识 assigns both service courses, with the score that fired them', () => {
    const plan = planAssignments(rules, { serviceAwareness: 65, productKnowledge: 80, adaptability: 70, teamwork: 70 }, new Set());
    expect(ids(plan)).toEqual(['service-skills', 'empathy']);
    expect(plan.every((p) => p.score === 65 && !p.mandatory)).toBe(true);
  });

  it('exactly at the thresholds: 服务意识 70 assigns nothing, 应变能力 85 and 团队协作 85 do', () => {
    expect(ids(planAssignments(rules, { serviceAwareness: 70, productKnowledge: 70, adaptability: 85, teamwork: 85 }, new Set()))).toEqual(['reserve-supervisor', 'high-collaboration-team']);
  });

  it('a rule that already assigned to the application never assigns again', () => {
    const plan = planAssignments(rules, { serviceAwareness: 50 }, new Set(['service-skills']));
    expect(ids(plan)).toEqual(['empathy']);
  });

  it('mandatory choices come first and assign whatever their condition', () => {
    const plan = planAssignments(rules, { serviceAwareness: 90, productKnowledge: 60 }, new Set(), ['empathy']);
    expect(plan.map((p) => [p.rule.id, p.mandatory, p.score])).toEqual([
      ['empathy', true, 90],
      ['product-knowledge', false, 60],
    ]);
  });
});
