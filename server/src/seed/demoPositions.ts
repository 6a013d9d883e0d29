import type { EvaluationModelInput, TrainingRule } from '@aireview/shared';

/** A position of the demo organisation (scripts/demo/org.json) with its persona (画像). */
export interface DemoPosition {
  code: string;
  name: string;
  /** DingTalk department id from scripts/demo/org.json. */
  departmentId: number;
  /** DingTalk user ids of the supervisors who review this position's candidates. */
  supervisorUserIds: string[];
  model: EvaluationModelInput;
}

export const DEMO_POSITIONS: readonly DemoPosition[] = [
  {
    code: 'CS-GENERAL',
    name: '综合电商客服',
    departmentId: 101,
    supervisorUserIds: ['sup_general'],
    model: {
      // 0.30 + 0.25 + 0.20 + 0.20 + 0.05 = 1
      weights: { serviceAwareness: 0.3, communication: 0.25, adaptability: 0.2, problemSolving: 0.2, teamwork: 0.05 },
      passScore: 70,
      floors: { serviceAwareness: 60 },
      requiredScenarios: [],
      latencyPenalty: { thresholdSec: 30, pointsPerSlowScenario: 2, maxPoints: 6 },
    },
  },
  {
    code: 'CS-FRESH',
    name: '生鲜客服',
    departmentId: 102,
    supervisorUserIds: ['sup_fresh'],
    model: {
      // 0.35 + 0.25 + 0.15 + 0.15 + 0.10 = 1
      weights: { productKnowledge: 0.35, serviceAwareness: 0.25, communication: 0.15, problemSolving: 0.15, adaptability: 0.1 },
      passScore: 72,
      floors: { productKnowledge: 65, serviceAwareness: 60 },
      requiredScenarios: ['fresh_spoiled'],
    },
  },
];

export function findDemoPosition(code: string): DemoPosition | undefined {
  return DEMO_POSITIONS.find((p) => p.code === code);
}

/**
 * The demo positions' training rules (培训规则): low 服务意识 → two courses before onboarding, low
 * 产品知识 → a course within 30 days of onboarding, strong 应变能力 → the 储备主管 programme, strong
 * 团队协作 → a suggestion for a high-collaboration team.
 */
export const DEMO_TRAINING_RULES: readonly TrainingRule[] = [
  { id: 'service-skills', when: { dimension: 'serviceAwareness', below: 70 }, assign: { kind: 'course', title: '客户服务技巧', dueDays: 0, relativeTo: 'onboarding' } },
  { id: 'empathy', when: { dimension: 'serviceAwareness', below: 70 }, assign: { kind: 'course', title: '同理心训练', dueDays: 0, relativeTo: 'onboarding' } },
  { id: 'product-knowledge', when: { dimension: 'productKnowledge', below: 70 }, assign: { kind: 'course', title: '产品知识培训', dueDays: 30, relativeTo: 'onboarding' } },
  { id: 'reserve-supervisor', when: { dimension: 'adaptability', atLeast: 85 }, assign: { kind: 'programme', title: '储备主管培养计划', relativeTo: 'decision' } },
  { id: 'high-collaboration-team', when: { dimension: 'teamwork', atLeast: 85 }, assign: { kind: 'team', title: '生鲜客服', relativeTo: 'decision' } },
];
