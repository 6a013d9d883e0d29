import type { HiringView, Outcome, OutcomeInput } from '@aireview/shared';

/** The 复试 outcome sheet's choices, in the order HR see them. */
export const OUTCOME_OPTIONS: { value: Outcome; label: string; tone: 'success' | 'danger' | 'warning' }[] = [
  { value: 'hired', label: '录用', tone: 'success' },
  { value: 'rejected', label: '未通过', tone: 'danger' },
  { value: 'withdrawn', label: '候选人放弃', tone: 'warning' },
];

export const OUTCOME_LABELS: Record<Outcome, string> = { hired: '已录用', rejected: '复试未通过', withdrawn: '候选人放弃' };

export const OUTCOME_REMARK_MAX_LENGTH = 500;

export interface OutcomeDraft {
  outcome: Outcome | null;
  /** YYYY-MM-DD */
  onboardingDate: string;
  remark: string;
}

export function buildOutcomeInput(draft: OutcomeDraft): { ok: true; input: OutcomeInput } | { ok: false; message: string } {
  if (!draft.outcome) return { ok: false, message: '请选择复试结果' };
  if (draft.outcome === 'hired' && !/^\d{4}-\d{2}-\d{2}$/.test(draft.onboardingDate)) return { ok: false, message: '请选择预计入职日期' };
  const remark = draft.remark.trim();
  return {
    ok: true,
    input: {
      outcome: draft.outcome,
      ...(draft.outcome === 'hired' ? { onboardingDate: draft.onboardingDate } : {}),
      ...(remark ? { remark } : {}),
    },
  };
}

/** What 智能人事 says about a hire, as one line. */
export function hrStatusText(hiring: HiringView): string | null {
  switch (hiring.hrStatus) {
    case 'creating':
      return '正在创建智能人事待入职';
    case 'pre_entry':
      return '待入职已创建';
    case 'onboarded':
      return '已入职';
    case 'left': {
      const why = hiring.leftReason === 'voluntary' ? '主动离职' : hiring.leftReason === 'passive' ? '被动离职' : '';
      return `已离职${hiring.lastWorkDay ? `（最后工作日 ${hiring.lastWorkDay}${why ? `，${why}` : ''}）` : why ? `（${why}）` : ''}`;
    }
    default:
      return null;
  }
}

/** A local calendar day as YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
