import { z } from 'zod';
import type { Recommendation } from './ingestion.js';

/** What a supervisor decides about one interview round. */
export const REVIEW_DECISIONS = ['agree', 'refuse', 'supplementary'] as const;
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;

export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = {
  agree: '通过',
  refuse: '不通过',
  supplementary: '补充测试',
};

/** The decision each AI recommendation points to; a different decision "disagrees with the AI". */
export const AI_SUGGESTED_DECISION: Record<Recommendation, ReviewDecision> = {
  recommended: 'agree',
  borderline: 'supplementary',
  not_recommended: 'refuse',
};

export function agreesWithAi(decision: ReviewDecision, recommendation: Recommendation): boolean {
  return AI_SUGGESTED_DECISION[recommendation] === decision;
}

/** Extra scenarios a supervisor can ask the AI vendor to run. Ids go to the vendor; labels to people. */
export const SUPPLEMENTARY_SCENARIOS = [
  { id: 'cross_department', label: '跨部门协作' },
  { id: 'complaint_escalation', label: '投诉升级处理' },
  { id: 'refund_dispute', label: '退款纠纷' },
  { id: 'emotional_customer', label: '情绪激动客户安抚' },
  { id: 'product_knowledge', label: '商品知识追问' },
  { id: 'multi_session', label: '多会话并行处理' },
] as const;

export type SupplementaryScenarioId = (typeof SUPPLEMENTARY_SCENARIOS)[number]['id'];
export const SupplementaryScenarioIdSchema = z.enum(SUPPLEMENTARY_SCENARIOS.map((s) => s.id) as [SupplementaryScenarioId, ...SupplementaryScenarioId[]]);

export function supplementaryLabel(id: SupplementaryScenarioId): string {
  return SUPPLEMENTARY_SCENARIOS.find((s) => s.id === id)?.label ?? id;
}

export const REMARK_MAX_LENGTH = 500;

/** A decision as the app submits it. */
export const DecisionInputSchema = z
  .object({
    decision: ReviewDecisionSchema,
    remark: z.string().trim().max(REMARK_MAX_LENGTH).optional(),
    scenarios: z.array(SupplementaryScenarioIdSchema).min(1).max(SUPPLEMENTARY_SCENARIOS.length).optional(),
  })
  .strict()
  .refine((d) => d.decision !== 'supplementary' || (d.scenarios?.length ?? 0) > 0, {
    message: '补充测试需要至少选择一个场景',
    path: ['scenarios'],
  })
  .refine((d) => d.decision === 'supplementary' || d.scenarios === undefined, {
    message: '只有补充测试可以选择场景',
    path: ['scenarios'],
  });
export type DecisionInput = z.infer<typeof DecisionInputSchema>;

/** 张三 → 张*, 张小三 → 张*三, 欧阳小明 → 欧**明: for cards seen by more people than the file. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 13812348000 → 138****8000; shorter numbers keep only their last 4 digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return phone;
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  return phone.length > 4 ? `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}` : '****';
}

/** a.b@example.com → a***@example.com */
export function maskEmail(email: string | null): string | null {
  if (!email) return email;
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
