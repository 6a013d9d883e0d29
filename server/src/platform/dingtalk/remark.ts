import { SUPPLEMENTARY_SCENARIOS, supplementaryLabel, type ReviewDecision, type SupplementaryScenarioId } from '@aireview/shared';

/**
 * How our decisions travel through a DingTalk approval, which knows only agree and refuse: a
 * supplementary test is a refusal whose remark names the scenarios, e.g.
 * `【补充测试】跨部门协作、退款纠纷；备注：再看看协作` — written by our app, and typed by supervisors
 * who decide in DingTalk's own approval screen (`补充测试:` with an ASCII or full-width colon).
 */
export type ApprovalResult = 'agree' | 'refuse';

/** A decision read back from DingTalk, in our words. */
export interface ApprovalDecision {
  decision: ReviewDecision;
  scenarios?: SupplementaryScenarioId[];
  remark: string | null;
}

const SUPPLEMENTARY_MARKER = '【补充测试】';

/** How each decision closes the approval; the next round of a supplementary test opens a new one. */
export function approvalResultOf(decision: ReviewDecision): ApprovalResult {
  return decision === 'agree' ? 'agree' : 'refuse';
}

export function formatSupplementaryRemark(scenarios: readonly SupplementaryScenarioId[], remark?: string): string {
  const list = scenarios.map(supplementaryLabel).join('、');
  return remark ? `${SUPPLEMENTARY_MARKER}${list}；备注：${remark}` : `${SUPPLEMENTARY_MARKER}${list}`;
}

/** The remark DingTalk gets when our app carries `decision` over to the approval. */
export function approvalRemarkOf(decision: ReviewDecision, scenarios: readonly SupplementaryScenarioId[], remark: string | null): string | null {
  return decision === 'supplementary' ? formatSupplementaryRemark(scenarios, remark ?? undefined) : remark;
}

/** Reads a refusal remark; null when it is not a supplementary-test request or names no known scenario. */
export function parseSupplementaryRemark(text: string | null | undefined): { scenarios: SupplementaryScenarioId[]; remark: string | null } | null {
  if (!text) return null;
  const match = /^\s*(?:【补充测试】|\[补充测试\]|补充测试\s*[:：])\s*([^；;\n]*)(?:[；;\n]\s*(?:备注\s*[:：])?\s*([\s\S]*))?$/.exec(text);
  if (!match) return null;
  const names = (match[1] ?? '').split(/[、,，\s]+/).map((n) => n.trim()).filter((n) => n !== '');
  const scenarios: SupplementaryScenarioId[] = [];
  for (const name of names) {
    const found = SUPPLEMENTARY_SCENARIOS.find((s) => s.label === name || s.id === name);
    if (found && !scenarios.includes(found.id)) scenarios.push(found.id);
  }
  if (scenarios.length === 0) return null;
  const remark = match[2]?.trim();
  return { scenarios, remark: remark ? remark : null };
}

/** A DingTalk approve/refuse in our words: a refusal whose remark names scenarios asks for a supplementary test. */
export function decisionFromApproval(result: ApprovalResult, remark: string | null): ApprovalDecision {
  if (result === 'agree') return { decision: 'agree', remark };
  const supplementary = parseSupplementaryRemark(remark);
  return supplementary ? { decision: 'supplementary', scenarios: supplementary.scenarios, remark: supplementary.remark } : { decision: 'refuse', remark };
}
