import { MAX_TRAINING_RULES, type TrainingRule } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import {
  assignmentText,
  buildRulesInput,
  conditionText,
  dueLabel,
  emptyRuleDraft,
  generateRuleId,
  ruleFromDraft,
  rulesChanged,
  toRuleDraft,
  withRule,
  type RuleDraft,
} from './trainingRules';

const SERVICE: TrainingRule = { id: 'service-skills', when: { dimension: 'serviceAwareness', below: 70 }, assign: { kind: 'course', title: '客户服务技巧', dueDays: 0, relativeTo: 'onboarding' } };
const PROGRAMME: TrainingRule = { id: 'reserve-supervisor', when: { dimension: 'adaptability', atLeast: 85 }, assign: { kind: 'programme', title: '储备主管培养计划', relativeTo: 'decision' } };
const draft = (patch: Partial<RuleDraft>): RuleDraft => ({ ...emptyRuleDraft(), title: '同理心训练', ...patch });

describe('how a rule reads', () => {
  it('states the condition and what it assigns', () => {
    expect(conditionText(SERVICE.when)).toBe('服务意识 < 70');
    expect(conditionText({ dimension: 'productKnowledge', atLeast: 60, below: 70 })).toBe('60 ≤ 产品知识 < 70');
    expect(assignmentText(PROGRAMME.assign)).toBe('储备主管培养 · 储备主管培养计划');
  });

  it('states the deadline from onboarding or the decision, or none', () => {
    expect(dueLabel(SERVICE.assign)).toBe('入职前');
    expect(dueLabel({ kind: 'course', dueDays: 30, relativeTo: 'onboarding' })).toBe('入职后 30 天内');
    expect(dueLabel({ kind: 'course', dueDays: 7, relativeTo: 'decision' })).toBe('决定后 7 天内');
    expect(dueLabel({ kind: 'course', dueDays: 0, relativeTo: 'decision' })).toBe('决定当天');
    expect(dueLabel(PROGRAMME.assign)).toBeNull();
    expect(dueLabel({ kind: 'team', relativeTo: 'decision' })).toBeNull();
  });
});

describe('generateRuleId', () => {
  it('uses the Latin part of the title, else the kind, and never a taken id', () => {
    expect(generateRuleId('Excel 进阶', 'course', [])).toBe('excel');
    expect(generateRuleId('同理心训练', 'course', [])).toBe('course');
    expect(generateRuleId('同理心训练', 'course', ['course', 'course-2'])).toBe('course-3');
    expect(generateRuleId('生鲜客服', 'team', ['course'])).toBe('team');
    expect(generateRuleId('A', 'programme', [])).toBe('programme');
  });

  it('matches the server’s id pattern even for long titles', () => {
    const id = generateRuleId(`${'Customer Service '.repeat(5)}!!`, 'course', []);
    expect(id).toMatch(/^[a-z0-9][a-z0-9_-]{0,47}$/);
    expect(id.endsWith('-')).toBe(false);
  });
});

describe('ruleFromDraft', () => {
  it('round-trips a rule through the editor', () => {
    expect(ruleFromDraft(toRuleDraft(SERVICE), [])).toEqual({ ok: true, value: SERVICE });
    expect(ruleFromDraft(toRuleDraft(PROGRAMME), ['service-skills'])).toEqual({ ok: true, value: PROGRAMME });
  });

  it('gives a new rule a fresh id and leaves out what is switched off', () => {
    expect(ruleFromDraft(draft({ useBelow: false, useAtLeast: true, atLeast: 90, hasDue: false }), ['course'])).toEqual({
      ok: true,
      value: { id: 'course-2', when: { dimension: 'serviceAwareness', atLeast: 90 }, assign: { kind: 'course', title: '同理心训练', relativeTo: 'onboarding' } },
    });
  });

  it('never gives a team suggestion a deadline', () => {
    const check = ruleFromDraft(draft({ kind: 'team', title: '生鲜客服', hasDue: true, dueDays: 7 }), []);
    expect(check.ok && check.value.assign).toEqual({ kind: 'team', title: '生鲜客服', relativeTo: 'onboarding' });
  });

  it('takes a number still being typed', () => {
    const check = ruleFromDraft(draft({ below: '65' as unknown as number }), []);
    expect(check.ok && check.value.when).toEqual({ dimension: 'serviceAwareness', below: 65 });
  });

  it('explains what is wrong in Chinese', () => {
    expect(ruleFromDraft(draft({ title: '  ' }), [])).toEqual({ ok: false, message: '请填写培训名称' });
    expect(ruleFromDraft(draft({ title: '字'.repeat(65) }), [])).toEqual({ ok: false, message: '培训名称最多 64 字' });
    expect(ruleFromDraft(draft({ useBelow: false, useAtLeast: false }), [])).toEqual({ ok: false, message: '条件需要「低于」或「不低于」' });
    expect(ruleFromDraft(draft({ useBelow: true, below: 60, useAtLeast: true, atLeast: 70 }), [])).toEqual({ ok: false, message: '「不低于」需小于「低于」' });
    expect(ruleFromDraft(draft({ below: 120 }), [])).toEqual({ ok: false, message: '分数须在 0–100 之间' });
    expect(ruleFromDraft(draft({ dueDays: 400 }), [])).toEqual({ ok: false, message: '完成期限须为 0–365 天的整数' });
    expect(ruleFromDraft(draft({ id: 'empathy' }), ['empathy'])).toEqual({ ok: false, message: '规则编号不能重复' });
  });

  it('accepts a band', () => {
    const check = ruleFromDraft(draft({ useBelow: true, below: 70, useAtLeast: true, atLeast: 60 }), []);
    expect(check.ok && check.value.when).toEqual({ dimension: 'serviceAwareness', below: 70, atLeast: 60 });
  });
});

describe('buildRulesInput', () => {
  it('sends the set with the version it was read at, and the note when given', () => {
    expect(buildRulesInput([SERVICE], 3, ' 新增课程 ')).toEqual({ ok: true, value: { rules: [SERVICE], expectedVersion: 3, note: '新增课程' } });
    expect(buildRulesInput([], 0, '')).toEqual({ ok: true, value: { rules: [], expectedVersion: 0 } });
  });

  it('refuses duplicate ids and too many rules, as the server would', () => {
    expect(buildRulesInput([SERVICE, SERVICE], 1, '')).toEqual({ ok: false, message: '规则编号不能重复' });
    const many = Array.from({ length: MAX_TRAINING_RULES + 1 }, (_, i) => ({ ...SERVICE, id: `r${i}` }));
    expect(buildRulesInput(many, 1, '')).toEqual({ ok: false, message: '每个岗位最多 50 条培训规则' });
    expect(buildRulesInput([SERVICE], 1, '字'.repeat(501))).toEqual({ ok: false, message: '培训规则不符合要求' });
  });
});

describe('editing the set', () => {
  it('replaces, appends and notices changes', () => {
    const edited = { ...SERVICE, assign: { ...SERVICE.assign, dueDays: 7 } };
    expect(withRule([SERVICE, PROGRAMME], edited, 0)).toEqual([edited, PROGRAMME]);
    expect(withRule([SERVICE], PROGRAMME, null)).toEqual([SERVICE, PROGRAMME]);
    expect(rulesChanged([SERVICE], [SERVICE])).toBe(false);
    expect(rulesChanged([edited], [SERVICE])).toBe(true);
  });
});
