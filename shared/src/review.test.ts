import { describe, expect, it } from 'vitest';
import {
  DecisionInputSchema,
  agreesWithAi,
  maskEmail,
  maskName,
  maskPhone,
} from './review.js';

describe('decisions', () => {
  it('compares decisions with the AI recommendation', () => {
    expect(agreesWithAi('agree', 'recommended')).toBe(true);
    expect(agreesWithAi('agree', 'not_recommended')).toBe(false);
    expect(agreesWithAi('supplementary', 'borderline')).toBe(true);
    expect(agreesWithAi('refuse', 'borderline')).toBe(false);
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
