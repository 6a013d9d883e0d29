import { AGE_BANDS, FAIRNESS_LABELS, type AgeBand, type FairnessAttribute, type FairnessRate } from '@aireview/shared';
import { impactRatio, type ImpactRatio } from './fairnessStats.js';
import type { ScopedApplication } from './queries.js';

type FairnessFacts = Pick<ScopedApplication, 'gender' | 'birthYear' | 'lastInterviewAt' | 'recommendation' | 'reviewed' | 'reachedSecondInterview'>;

/** Age band at the (Asia/Shanghai) year of the interview. */
export function ageBandOf(birthYear: number, at: Date): AgeBand {
  const age = new Date(at.getTime() + 8 * 3_600_000).getUTCFullYear() - birthYear;
  return age < 25 ? 'under25' : age < 35 ? '25to34' : '35plus';
}

const GENDER_GROUPS = ['female', 'male'] as const;

function groupOf(attribute: FairnessAttribute, a: FairnessFacts): string | null {
  if (attribute === 'gender') return a.gender === 'female' || a.gender === 'male' ? a.gender : null;
  return a.birthYear === null ? null : ageBandOf(a.birthYear, a.lastInterviewAt);
}

export interface FairnessComputation {
  attribute: FairnessAttribute;
  rate: FairnessRate;
  attributeLabel: string;
  rateLabel: string;
  groupLabels: Record<string, string>;
  impact: ImpactRatio;
}

/**
 * Gender (female / male; "unspecified" and unknown left out) and age bands compared on two rates:
 * recommended by the AI (over all applications with the attribute), and passed to 复试 by people (over
 * those a reviewer decided). Groups under `minCell` are suppressed. Demographics only ever feed this.
 */
export function fairnessOf(applications: readonly FairnessFacts[], { minCell }: { minCell: number }): FairnessComputation[] {
  const result: FairnessComputation[] = [];
  for (const attribute of ['gender', 'age'] as const) {
    const groups: readonly string[] = attribute === 'gender' ? GENDER_GROUPS : AGE_BANDS;
    for (const rate of ['ai_recommended', 'second_interview'] as const) {
      const base = rate === 'ai_recommended' ? applications : applications.filter((a) => a.reviewed);
      const selectedOf = (a: FairnessFacts) => (rate === 'ai_recommended' ? a.recommendation === 'recommended' : a.reachedSecondInterview);
      const counted = groups.map((group) => {
        const members = base.filter((a) => groupOf(attribute, a) === group);
        return { group, n: members.length, selected: members.filter(selectedOf).length };
      });
      result.push({
        attribute,
        rate,
        attributeLabel: FAIRNESS_LABELS.attributes[attribute],
        rateLabel: FAIRNESS_LABELS.rates[rate],
        groupLabels: FAIRNESS_LABELS.groups,
        impact: impactRatio(counted, { minCell }),
      });
    }
  }
  return result;
}
