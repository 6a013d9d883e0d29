import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DecisionInputSchema,
  SUPPLEMENTARY_SCENARIOS,
  agreesWithAi,
  approvalResultOf,
  formatSupplementaryRemark,
  maskEmail,
  maskName,
  maskPhone,
  parseSupplementaryRemark,
  type SupplementaryScenarioId,
} from './review.js';

describe('supplementary remark', () => {
  it('reads back what the app writes, for any scenario set and remark', () => {
    const ids = SUPPLEMENTARY_SCENARIOS.map((s) => s.id);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1 }), fc.option(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== '')), (scenarios, remark) => {
        const parsed = parseSupplementaryRemark(formatSupplementaryRemark(scenarios as SupplementaryScenarioId[], remark ?? undefined));
        expect(parsed?.scenarios).toEqual(scenarios);
        expect(parsed?.remark).toBe(remark === null ? null : remark.trim());
      }),
    );
  });

  it('accepts what a supervisor types in DingTalk', () => {
    expect(parseSupplementaryRemark('补充测试：跨部门协作，退款纠纷；想看看协作能力')).toEqual({
      scenarios: ['cross_department', 'refund_dispute'],
      remark: '想看看协作能力',
    });
    expect(parseSupplementaryRemark('补充测试: 投诉升级处理')).toEqual({ scenarios: ['complaint_escalation'], remark: null });
  });

  it('treats ordinary refusals and unknown scenarios as plain refusals', () => {
    expect(parseSupplementaryRemark('语速太慢，不合适')).toBeNull();
    expect(parseSupplementaryRemark('需要补充测试：跨部门协作')).toBeNull();
    expect(parseSupplementaryRemark('补充测试：唱歌')).toBeNull();
    expect(parseSupplementaryRemark(null)).toBeNull();
  });
});

describe('decisions', () => {
  it('compares decisions with the AI recommendation', () => {
    expect(agreesWithAi('agree', 'recommended')).toBe(true);
    expect(agreesWithAi('agree', 'not_recommended')).toBe(false);
    expect(agreesWithAi('supplementary', 'borderline')).toBe(true);
    expect(agreesWithAi('refuse', 'borderline')).toBe(false);
  });

  it('closes the approval with a refusal for a supplementary test', () => {
    expect(approvalResultOf('supplementary')).toBe('refuse');
    expect(approvalResultOf('agree')).toBe('agree');
  });

  it('requires scenarios exactly for supplementary tests', () => {
    expect(DecisionInputSchema.safeParse({ decision: 'supplementary' }).success).toBe(false);
    expect(DecisionInputSchema.safeParse({ decision: 'agree', scenarios: ['cross_department'] }).success).toBe(false);
    expect(DecisionInputSchema.safeParse({ decision: 'supplementary', scenarios: ['cross_department'], remark: ' 看协作 ' }).data).toEqual({
      decision: 'supplementary',
      scenarios: ['cross_department'],
      remark: '看协作',
    });
    expect(DecisionInputSchema.safeParse({ decision: 'agree', extra: 1 }).success).toBe(false);
  });
});

describe('masking', () => {
  it('masks names, phones and emails', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小明')).toBe('欧**明');
    expect(maskPhone('13812348000')).toBe('138****8000');
    expect(maskPhone('88001234')).toBe('****1234');
    expect(maskPhone(null)).toBeNull();
    expect(maskEmail('li.jing@example.com')).toBe('l***@example.com');
  });
});
