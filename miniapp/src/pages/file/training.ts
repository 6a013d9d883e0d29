import {
  DIMENSION_LABELS,
  FastTrackInputSchema,
  REMARK_MAX_LENGTH,
  RetakeInputSchema,
  ruleMatches,
  type AssignmentStatusInput,
  type DimensionScores,
  type FastTrackInput,
  type RetakeInput,
  type RoundView,
  type TrainingAssignmentView,
  type TrainingRule,
} from '@aireview/shared';
import type { FormCheck } from '../../composables/useSheetSubmit';
import { firstReadableMessage } from '../../utils/schemaMessage';

/** 培训安排 on the candidate file and HR's moves (重新面试, 直接进入复试): wording and request bodies. */

/** Why a rule fired: 「服务意识 65.0」; null for a fast-track choice whose condition did not hold. */
export function triggerText(trigger: TrainingAssignmentView['trigger']): string | null {
  return trigger ? `${DIMENSION_LABELS[trigger.dimension]} ${trigger.score.toFixed(1)}` : null;
}

/** The status change HR confirm in the sheet: 标记完成 or 免除. */
export const STATUS_ACTIONS = {
  done: { label: '标记完成', confirm: '确认完成', toast: '已标记完成' },
  waived: { label: '免除', confirm: '确认免除', toast: '已免除' },
} as const;
export type StatusAction = keyof typeof STATUS_ACTIONS;

/** The scores the rules are matched against: those of the newest round. */
export function latestScores(rounds: readonly Pick<RoundView, 'round' | 'dimensionScores'>[]): DimensionScores {
  let latest: Pick<RoundView, 'round' | 'dimensionScores'> | undefined;
  for (const round of rounds) if (!latest || round.round > latest.round) latest = round;
  return latest?.dimensionScores ?? {};
}

/** The rules HR may make mandatory when fast-tracking: the position's courses. */
export function courseRules(rules: readonly TrainingRule[]): TrainingRule[] {
  return rules.filter((rule) => rule.assign.kind === 'course');
}

/** The courses whose condition holds for these scores: preselected in the fast-track sheet. */
export function matchingCourseIds(rules: readonly TrainingRule[], scores: DimensionScores): string[] {
  return courseRules(rules)
    .filter((rule) => ruleMatches(rule, scores))
    .map((rule) => rule.id);
}


function remarkProblem(remark: string, required: boolean): string | null {
  if (required && remark === '') return '请填写原因';
  if (remark.length > REMARK_MAX_LENGTH) return `备注最多 ${REMARK_MAX_LENGTH} 字`;
  return null;
}

export function buildStatusInput(status: StatusAction, remark: string): FormCheck<AssignmentStatusInput> {
  const text = remark.trim();
  const problem = remarkProblem(text, false);
  if (problem) return { ok: false, message: problem };
  return { ok: true, input: { status, ...(text ? { remark: text } : {}) } };
}

export function buildRetakeInput(remark: string): FormCheck<RetakeInput> {
  const text = remark.trim();
  const problem = remarkProblem(text, true);
  if (problem) return { ok: false, message: problem };
  const parsed = RetakeInputSchema.safeParse({ remark: text });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, message: firstReadableMessage(parsed.error.issues, '原因不符合要求') };
}

export function buildFastTrackInput(remark: string, ruleIds: readonly string[]): FormCheck<FastTrackInput> {
  if (ruleIds.length === 0) return { ok: false, message: '至少选择一项必修培训' };
  const text = remark.trim();
  const problem = remarkProblem(text, true);
  if (problem) return { ok: false, message: problem };
  const parsed = FastTrackInputSchema.safeParse({ remark: text, ruleIds: [...ruleIds] });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, message: firstReadableMessage(parsed.error.issues, '直接进入复试的内容不符合要求') };
}
