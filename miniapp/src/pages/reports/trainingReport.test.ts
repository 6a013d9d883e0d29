import { describe, expect, it } from 'vitest';
import { groupText, outcomeConclusion } from './trainingReport';

const base = { metric: 'satisfaction' as const, completed: { n: 12, mean: 86 }, notCompleted: { n: 15, mean: 80.55 } };

describe('training report texts', () => {
  it('shows each group with its n', () => {
    expect(groupText('已完成', base.completed)).toBe('已完成 12 人 · 满意度 86.0');
    expect(groupText('未完成', { n: 0, mean: null })).toBe('未完成 0 人 · 满意度 —');
  });

  it('states the difference with its interval and p only when both groups are large enough', () => {
    expect(outcomeConclusion({ ...base, difference: 5.45, ci95: [2.1, 8.8], pValue: 0.0021, enough: true }, 10)).toBe('满意度差值 +5.5（95% 区间 2.1 ~ 8.8），p = 0.002');
    expect(outcomeConclusion({ ...base, difference: -1, ci95: [-3, 1], pValue: 0.0004, enough: true }, 10)).toBe('满意度差值 -1.0（95% 区间 -3.0 ~ 1.0），p < 0.001');
    expect(outcomeConclusion({ ...base, difference: null, ci95: null, pValue: null, enough: false }, 10)).toBe('样本不足：每组至少 10 名有绩效记录的录用者才下结论');
    expect(outcomeConclusion(null, 10)).toBe('暂无绩效数据，无法比较培训效果');
  });
});
