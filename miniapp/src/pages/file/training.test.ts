import type { TrainingRule } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import { buildFastTrackInput, buildRetakeInput, buildStatusInput, courseRules, latestScores, matchingCourseIds, triggerText } from './training';

const RULES: TrainingRule[] = [
  { id: 'service-skills', when: { dimension: 'serviceAwareness', below: 70 }, assign: { kind: 'course', title: '客户服务技巧', dueDays: 0, relativeTo: 'onboarding' } },
  { id: 'product-knowledge', when: { dimension: 'productKnowledge', below: 70 }, assign: { kind: 'course', title: '产品知识培训', dueDays: 30, relativeTo: 'onboarding' } },
  { id: 'reserve-supervisor', when: { dimension: 'adaptability', atLeast: 85 }, assign: { kind: 'programme', title: '储备主管培养计划', relativeTo: 'decision' } },
  { id: 'team', when: { dimension: 'teamwork', atLeast: 85 }, assign: { kind: 'team', title: '生鲜客服', relativeTo: 'decision' } },
];

describe('triggerText', () => {
  it('names the dimension and the score that fired the rule, with one decimal', () => {
    expect(triggerText({ dimension: 'serviceAwareness', score: 65 })).toBe('服务意识 65.0');
    expect(triggerText({ dimension: 'adaptability', score: 88.25 })).toBe('应变能力 88.3');
    expect(triggerText(null)).toBeNull();
  });
});

describe('latestScores', () => {
  it('takes the newest round whatever the order', () => {
    const rounds = [
      { round: 2, dimensionScores: { serviceAwareness: 80 } },
      { round: 1, dimensionScores: { serviceAwareness: 60 } },
    ];
    expect(latestScores(rounds)).toEqual({ serviceAwareness: 80 });
    expect(latestScores([...rounds].reverse())).toEqual({ serviceAwareness: 80 });
    expect(latestScores([])).toEqual({});
  });
});

describe('fast-track choices', () => {
  it('offers only the courses, preselecting those whose condition holds', () => {
    expect(courseRules(RULES).map((r) => r.id)).toEqual(['service-skills', 'product-knowledge']);
    expect(matchingCourseIds(RULES, { serviceAwareness: 65, productKnowledge: 70, adaptability: 90 })).toEqual(['service-skills']);
    expect(matchingCourseIds(RULES, { serviceAwareness: 70 })).toEqual([]);
  });

  it('needs a remark and at least one course', () => {
    expect(buildFastTrackInput(' 综合表现突出 ', ['service-skills'])).toEqual({ ok: true, input: { remark: '综合表现突出', ruleIds: ['service-skills'] } });
    expect(buildFastTrackInput('综合表现突出', [])).toEqual({ ok: false, message: '至少选择一项必修培训' });
    expect(buildFastTrackInput('   ', ['service-skills'])).toEqual({ ok: false, message: '请填写原因' });
    expect(buildFastTrackInput('x'.repeat(501), ['service-skills'])).toEqual({ ok: false, message: '备注最多 500 字' });
  });
});

describe('buildRetakeInput', () => {
  it('needs a remark of at most 500 characters', () => {
    expect(buildRetakeInput(' 已完成培训 ')).toEqual({ ok: true, input: { remark: '已完成培训' } });
    expect(buildRetakeInput('')).toEqual({ ok: false, message: '请填写原因' });
    expect(buildRetakeInput('字'.repeat(501))).toEqual({ ok: false, message: '备注最多 500 字' });
  });
});

describe('buildStatusInput', () => {
  it('sends the remark only when there is one', () => {
    expect(buildStatusInput('done', ' 线下完成 ')).toEqual({ ok: true, input: { status: 'done', remark: '线下完成' } });
    expect(buildStatusInput('waived', '  ')).toEqual({ ok: true, input: { status: 'waived' } });
  });
});
