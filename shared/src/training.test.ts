import { describe, expect, it } from 'vitest';
import { DIMENSION_LABELS } from './labels.js';
import { describeCondition, FastTrackInputSchema, ruleMatches, TrainingCompletionInputSchema, TrainingRulesInputSchema, type TrainingRule } from './training.js';

const below70: Pick<TrainingRule, 'when'> = { when: { dimension: 'serviceAwareness', below: 70 } };
const atLeast85: Pick<TrainingRule, 'when'> = { when: { dimension: 'adaptability', atLeast: 85 } };
const band: Pick<TrainingRule, 'when'> = { when: { dimension: 'productKnowledge', atLeast: 60, below: 70 } };

describe('ruleMatches', () => {
  it.each([
    [69.9, true],
    [70, false],
    [70.1, false],
    [0, true],
  ])('服务意识 %s against "below 70" → %s (below is strict)', (score, expected) => {
    expect(ruleMatches(below70, { serviceAwareness: score })).toBe(expected);
  });

  it.each([
    [85, true],
    [84.9, false],
    [100, true],
  ])('应变能力 %s against "at least 85" → %s (the threshold itself counts)', (score, expected) => {
    expect(ruleMatches(atLeast85, { adaptability: score })).toBe(expected);
  });

  it.each([
    [59.9, false],
    [60, true],
    [69.9, true],
    [70, false],
  ])('a band [60, 70) holds for %s → %s', (score, expected) => {
    expect(ruleMatches(band, { productKnowledge: score })).toBe(expected);
  });

  it('never fires on a dimension the round has no score for', () => {
    expect(ruleMatches(below70, { adaptability: 10 })).toBe(false);
  });
});

describe('describeCondition', () => {
  const label = (d: keyof typeof DIMENSION_LABELS) => DIMENSION_LABELS[d];
  it('writes each condition the way HR read it', () => {
    expect(describeCondition(below70.when, label)).toBe('服务意识 < 70');
    expect(describeCondition(atLeast85.when, label)).toBe('应变能力 ≥ 85');
    expect(describeCondition(band.when, label)).toBe('60 ≤ 产品知识 < 70');
  });
});

describe('TrainingRulesInputSchema', () => {
  const rule = { id: 'service-skills', when: { dimension: 'serviceAwareness', below: 70 }, assign: { kind: 'course', title: '客户服务技巧', dueDays: 0, relativeTo: 'onboarding' } };
  const valid = { rules: [rule], expectedVersion: 0 };

  it('accepts a rule set', () => {
    expect(TrainingRulesInputSchema.safeParse(valid).success).toBe(true);
  });

  it.each([
    ['duplicate rule ids', { ...valid, rules: [rule, rule] }],
    ['a condition with neither below nor atLeast', { ...valid, rules: [{ ...rule, when: { dimension: 'serviceAwareness' } }] }],
    ['an empty band (atLeast ≥ below)', { ...valid, rules: [{ ...rule, when: { dimension: 'serviceAwareness', atLeast: 70, below: 70 } }] }],
    ['a score above 100', { ...valid, rules: [{ ...rule, when: { dimension: 'serviceAwareness', below: 101 } }] }],
    ['an unknown dimension', { ...valid, rules: [{ ...rule, when: { dimension: 'charisma', below: 70 } }] }],
    ['a team suggestion with a deadline', { ...valid, rules: [{ ...rule, assign: { kind: 'team', title: '生鲜客服', dueDays: 3, relativeTo: 'decision' } }] }],
    ['an unknown kind', { ...valid, rules: [{ ...rule, assign: { ...rule.assign, kind: 'webinar' } }] }],
    ['a rule id with spaces', { ...valid, rules: [{ ...rule, id: 'service skills' }] }],
    ['no expectedVersion', { rules: [rule] }],
    ['an unknown field', { ...valid, extra: true }],
    ['an empty title', { ...valid, rules: [{ ...rule, assign: { ...rule.assign, title: '  ' } }] }],
  ])('refuses %s', (_what, input) => {
    expect(TrainingRulesInputSchema.safeParse(input).success).toBe(false);
  });
});

describe('HR moves and completions', () => {
  it('fast-track needs a remark and at least one mandatory course', () => {
    expect(FastTrackInputSchema.safeParse({ remark: '综合能力强', ruleIds: ['service-skills'] }).success).toBe(true);
    expect(FastTrackInputSchema.safeParse({ remark: '综合能力强', ruleIds: [] }).success).toBe(false);
    expect(FastTrackInputSchema.safeParse({ remark: '  ', ruleIds: ['service-skills'] }).success).toBe(false);
  });

  it('a completion names an assignment, or an employee and a title, never neither', () => {
    const at = '2026-12-01T10:00:00+08:00';
    expect(TrainingCompletionInputSchema.safeParse({ assignmentId: 'a1', completedAt: at, score: 92 }).success).toBe(true);
    expect(TrainingCompletionInputSchema.safeParse({ employeeId: 'E1001', title: '客户服务技巧', completedAt: at }).success).toBe(true);
    expect(TrainingCompletionInputSchema.safeParse({ completedAt: at }).success).toBe(false);
    expect(TrainingCompletionInputSchema.safeParse({ employeeId: 'E1001', completedAt: at }).success).toBe(false);
    expect(TrainingCompletionInputSchema.safeParse({ assignmentId: 'a1', completedAt: '2026-12-01 10:00' }).success).toBe(false);
  });
});
