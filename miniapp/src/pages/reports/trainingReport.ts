import type { GroupMean, TrainingReport } from '@aireview/shared';

type Outcome = NonNullable<TrainingReport['positions'][number]['outcome']>;

const mean = (g: GroupMean) => (g.mean === null ? '—' : g.mean.toFixed(1));

/** 「已完成 12 人 · 满意度 86.0」 */
export function groupText(label: string, group: GroupMean): string {
  return `${label} ${group.n} 人 · 满意度 ${mean(group)}`;
}

/**
 * The comparison's conclusion, or why there is none: below minGroupN hires in a group the report says
 * so instead of a difference.
 */
export function outcomeConclusion(outcome: Outcome | null, minGroupN: number): string {
  if (!outcome) return '暂无绩效数据，无法比较培训效果';
  if (!outcome.enough || outcome.difference === null) return `样本不足：每组至少 ${minGroupN} 名有绩效记录的录用者才下结论`;
  const sign = outcome.difference > 0 ? '+' : '';
  const ci = outcome.ci95 ? `（95% 区间 ${outcome.ci95[0].toFixed(1)} ~ ${outcome.ci95[1].toFixed(1)}）` : '';
  const p = outcome.pValue === null ? '' : outcome.pValue < 0.001 ? '，p < 0.001' : `，p = ${outcome.pValue.toFixed(3)}`;
  return `满意度差值 ${sign}${outcome.difference.toFixed(1)}${ci}${p}`;
}
