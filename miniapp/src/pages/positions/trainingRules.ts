import {
  DIMENSION_LABELS,
  describeCondition,
  MAX_TRAINING_RULES,
  TRAINING_KIND_LABELS,
  TrainingRuleSchema,
  TrainingRulesInputSchema,
  type Dimension,
  type DueAnchor,
  type TrainingKind,
  type TrainingRule,
  type TrainingRulesInput,
} from '@aireview/shared';
import { firstReadableMessage } from '../../utils/schemaMessage';

/** 培训规则: how rules read, the editor's draft ↔ rule, ids for new rules, and the checks before publishing. */

export const RULE_TITLE_MAX_LENGTH = 64;
export const DUE_DAYS_MAX = 365;
const RULE_ID_MAX_LENGTH = 48;

export const DUE_ANCHOR_LABELS: Record<DueAnchor, string> = { onboarding: '入职日', decision: '决定日' };

/** 「服务意识 < 70」 */
export function conditionText(when: TrainingRule['when']): string {
  return describeCondition(when, (d) => DIMENSION_LABELS[d]);
}

/** 「课程 · 客户服务技巧」 */
export function assignmentText(assign: Pick<TrainingRule['assign'], 'kind' | 'title'>): string {
  return `${TRAINING_KIND_LABELS[assign.kind]} · ${assign.title}`;
}

/** The deadline a rule sets: 入职前, 入职后 30 天内, 决定后 7 天内, 决定当天; null without one. */
export function dueLabel(assign: Pick<TrainingRule['assign'], 'kind' | 'dueDays' | 'relativeTo'>): string | null {
  if (assign.kind === 'team' || assign.dueDays === undefined) return null;
  if (assign.relativeTo === 'onboarding') return assign.dueDays === 0 ? '入职前' : `入职后 ${assign.dueDays} 天内`;
  return assign.dueDays === 0 ? '决定当天' : `决定后 ${assign.dueDays} 天内`;
}

/** One rule as the editor holds it: both thresholds and a deadline can be switched on and off. */
export interface RuleDraft {
  /** The rule's id when editing one (kept: assignments refer to it); null for a new rule. */
  id: string | null;
  dimension: Dimension;
  useBelow: boolean;
  below: number;
  useAtLeast: boolean;
  atLeast: number;
  kind: TrainingKind;
  title: string;
  /** A deadline (never for 团队建议). */
  hasDue: boolean;
  dueDays: number;
  relativeTo: DueAnchor;
}

export function emptyRuleDraft(): RuleDraft {
  return { id: null, dimension: 'serviceAwareness', useBelow: true, below: 70, useAtLeast: false, atLeast: 85, kind: 'course', title: '', hasDue: true, dueDays: 0, relativeTo: 'onboarding' };
}

export function toRuleDraft(rule: TrainingRule): RuleDraft {
  const empty = emptyRuleDraft();
  return {
    id: rule.id,
    dimension: rule.when.dimension,
    useBelow: rule.when.below !== undefined,
    below: rule.when.below ?? empty.below,
    useAtLeast: rule.when.atLeast !== undefined,
    atLeast: rule.when.atLeast ?? empty.atLeast,
    kind: rule.assign.kind,
    title: rule.assign.title,
    hasDue: rule.assign.dueDays !== undefined,
    dueDays: rule.assign.dueDays ?? empty.dueDays,
    relativeTo: rule.assign.relativeTo,
  };
}

/**
 * An id for a new rule, matching the server's pattern (lowercase letters, digits, - and _, at most 48)
 * and unused: the Latin letters and digits of the title when it has some (「Excel 进阶」 → excel), else
 * the kind (course, programme, team); -2, -3 … when taken.
 */
export function generateRuleId(title: string, kind: TrainingKind, taken: Iterable<string>): string {
  const used = new Set(taken);
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const base = slug.length >= 2 ? slug : kind;
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate.slice(0, RULE_ID_MAX_LENGTH);
  }
}

export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

const isScore = (n: number) => Number.isFinite(n) && n >= 0 && n <= 100;

/** The rule a draft describes, checked as the server will (TrainingRuleSchema); `otherIds` are the set's other rules. */
export function ruleFromDraft(draft: RuleDraft, otherIds: readonly string[]): Check<TrainingRule> {
  // Vant's stepper hands over what is being typed ("7.") as a string until it loses focus.
  const below = Number(draft.below);
  const atLeast = Number(draft.atLeast);
  const dueDays = Number(draft.dueDays);
  const title = draft.title.trim();
  if (!title) return { ok: false, message: '请填写培训名称' };
  if (title.length > RULE_TITLE_MAX_LENGTH) return { ok: false, message: `培训名称最多 ${RULE_TITLE_MAX_LENGTH} 字` };
  if ((draft.useBelow && !isScore(below)) || (draft.useAtLeast && !isScore(atLeast))) return { ok: false, message: '分数须在 0–100 之间' };
  const withDue = draft.kind !== 'team' && draft.hasDue;
  if (withDue && !(Number.isInteger(dueDays) && dueDays >= 0 && dueDays <= DUE_DAYS_MAX)) {
    return { ok: false, message: `完成期限须为 0–${DUE_DAYS_MAX} 天的整数` };
  }
  const id = draft.id ?? generateRuleId(title, draft.kind, otherIds);
  if (otherIds.includes(id)) return { ok: false, message: '规则编号不能重复' };
  const candidate = {
    id,
    when: {
      dimension: draft.dimension,
      ...(draft.useBelow ? { below } : {}),
      ...(draft.useAtLeast ? { atLeast } : {}),
    },
    assign: {
      kind: draft.kind,
      title,
      ...(withDue ? { dueDays } : {}),
      relativeTo: draft.relativeTo,
    },
  };
  const parsed = TrainingRuleSchema.safeParse(candidate);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: firstReadableMessage(parsed.error.issues, '规则内容不符合要求') };
}

/** The PUT body, checked with the server's schema (count, unique ids, every rule). */
export function buildRulesInput(rules: readonly TrainingRule[], expectedVersion: number, note: string): Check<TrainingRulesInput> {
  if (rules.length > MAX_TRAINING_RULES) return { ok: false, message: `每个岗位最多 ${MAX_TRAINING_RULES} 条培训规则` };
  const text = note.trim();
  const input: TrainingRulesInput = { rules: [...rules], expectedVersion, ...(text ? { note: text } : {}) };
  const parsed = TrainingRulesInputSchema.safeParse(input);
  return parsed.success ? { ok: true, value: input } : { ok: false, message: firstReadableMessage(parsed.error.issues, '培训规则不符合要求') };
}

/** Puts `rule` in place of the rule at `index`, or appends it when `index` is null. */
export function withRule(rules: readonly TrainingRule[], rule: TrainingRule, index: number | null): TrainingRule[] {
  return index === null ? [...rules, rule] : rules.map((r, i) => (i === index ? rule : r));
}

export function rulesChanged(draft: readonly TrainingRule[], published: readonly TrainingRule[]): boolean {
  return JSON.stringify(draft) !== JSON.stringify(published);
}
