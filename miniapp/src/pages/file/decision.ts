import {
  AI_SUGGESTED_DECISION,
  agreesWithAi,
  DecisionInputSchema,
  RECOMMENDATION_LABELS,
  REMARK_MAX_LENGTH,
  REVIEW_DECISION_LABELS,
  type DecisionInput,
  type Recommendation,
  type ReviewDecision,
  type ReviewView,
  type Role,
  type Stage,
  type SupplementaryScenarioId,
} from '@aireview/shared';

/** What the decision sheet holds before it is sent. */
export interface DecisionDraft {
  decision: ReviewDecision | null;
  scenarios: SupplementaryScenarioId[];
  remark: string;
}

export const EMPTY_DRAFT: Readonly<DecisionDraft> = { decision: null, scenarios: [], remark: '' };

/** 「AI建议：通过（推荐）」 */
export function aiSuggestionText(recommendation: Recommendation): string {
  return `AI建议：${REVIEW_DECISION_LABELS[AI_SUGGESTED_DECISION[recommendation]]}（${RECOMMENDATION_LABELS[recommendation]}）`;
}

/**
 * The warning shown before a decision that goes against the AI's recommendation; null when it agrees.
 * Disagreeing is allowed — the supervisor has the last word — but should be deliberate.
 */
export function disagreementWarning(decision: ReviewDecision, recommendation: Recommendation): string | null {
  if (agreesWithAi(decision, recommendation)) return null;
  const suggested = REVIEW_DECISION_LABELS[AI_SUGGESTED_DECISION[recommendation]];
  return `AI 评估为「${RECOMMENDATION_LABELS[recommendation]}」，建议「${suggested}」；你的选择是「${REVIEW_DECISION_LABELS[decision]}」，与 AI 建议不一致。确定提交吗？`;
}

export type DecisionCheck = { ok: true; input: DecisionInput } | { ok: false; message: string };

/** The request body, checked with the same schema the server uses; scenarios only go with 补充测试. */
export function buildDecisionInput(draft: DecisionDraft): DecisionCheck {
  if (!draft.decision) return { ok: false, message: '请选择审核结论' };
  const remark = draft.remark.trim();
  if (remark.length > REMARK_MAX_LENGTH) return { ok: false, message: `备注最多 ${REMARK_MAX_LENGTH} 字` };
  const scenarios = draft.decision === 'supplementary' && draft.scenarios.length > 0 ? draft.scenarios : undefined;
  const parsed = DecisionInputSchema.safeParse({
    decision: draft.decision,
    ...(remark ? { remark } : {}),
    ...(scenarios ? { scenarios } : {}),
  });
  if (parsed.success) return { ok: true, input: parsed.data };
  // The schema's own refinements are worded for people; anything else gets a generic line.
  const issue = parsed.error.issues.find((i) => i.code === 'custom') ?? parsed.error.issues[0];
  return { ok: false, message: issue?.code === 'custom' ? issue.message : '审核内容不符合要求' };
}

/**
 * HR and admins may restart a review whose DingTalk approval was revoked (the newest review, terminated)
 * while the candidate is still 待审核. A review HR closed by moving the candidate on (重新面试) is
 * terminated too, but there is nothing to restart.
 */
export function canRestartReview(role: Role | undefined, stage: Stage, reviews: readonly Pick<ReviewView, 'status'>[]): boolean {
  return (role === 'hr' || role === 'admin') && stage === 'in_review' && reviews[0]?.status === 'terminated';
}
