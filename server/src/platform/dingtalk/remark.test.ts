import { SUPPLEMENTARY_SCENARIOS, type SupplementaryScenarioId } from '@aireview/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approvalRemarkOf, approvalResultOf, decisionFromApproval, formatSupplementaryRemark, parseSupplementaryRemark } from './remark.js';

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

describe('decisions through an approval', () => {
  it('closes the approval with a refusal for a supplementary test', () => {
    expect(approvalResultOf('supplementary')).toBe('refuse');
    expect(approvalResultOf('refuse')).toBe('refuse');
    expect(approvalResultOf('agree')).toBe('agree');
  });

  it('writes the scenarios into the remark only for a supplementary test', () => {
    expect(approvalRemarkOf('supplementary', ['cross_department'], '看协作')).toBe('【补充测试】跨部门协作；备注：看协作');
    expect(approvalRemarkOf('refuse', [], '语速太慢')).toBe('语速太慢');
    expect(approvalRemarkOf('agree', [], null)).toBeNull();
  });

  it('reads a refusal naming scenarios as a supplementary test, anything else as it is', () => {
    expect(decisionFromApproval('refuse', '补充测试：退款纠纷；再看看')).toEqual({ decision: 'supplementary', scenarios: ['refund_dispute'], remark: '再看看' });
    expect(decisionFromApproval('refuse', '不合适')).toEqual({ decision: 'refuse', remark: '不合适' });
    expect(decisionFromApproval('agree', '补充测试：退款纠纷')).toEqual({ decision: 'agree', remark: '补充测试：退款纠纷' });
  });
});
