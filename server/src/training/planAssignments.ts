import { ruleMatches, type DimensionScores, type TrainingRule } from '@aireview/shared';

export interface PlannedAssignment {
  rule: TrainingRule;
  /** The rule's dimension and the application's score on it (null when the round had no such score). */
  score: number | null;
  mandatory: boolean;
}

/**
 * Which rules assign now: every rule whose condition holds for the scores, plus the rules HR chose as
 * mandatory (whatever their condition), minus the rules that already assigned to this application —
 * each rule assigns at most once per application. Mandatory ones come first, then the rule order.
 */
export function planAssignments(rules: readonly TrainingRule[], scores: DimensionScores, alreadyAssigned: ReadonlySet<string>, mandatoryRuleIds: readonly string[] = []): PlannedAssignment[] {
  const mandatory = new Set(mandatoryRuleIds);
  const ordered = [...rules.filter((r) => mandatory.has(r.id)), ...rules.filter((r) => !mandatory.has(r.id))];
  return ordered
    .filter((rule) => !alreadyAssigned.has(rule.id) && (mandatory.has(rule.id) || ruleMatches(rule, scores)))
    .map((rule) => ({ rule, score: scores[rule.when.dimension] ?? null, mandatory: mandatory.has(rule.id) }));
}
