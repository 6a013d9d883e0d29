/**
 * Value lists and their Chinese labels, free of zod so the H5 app's first screen can import them
 * (`@aireview/shared/labels`) without pulling in the schema library. The schema modules build on these.
 */

/** The scoring dimensions an AI interview vendor reports, in display order. */
export const DIMENSIONS = ['communication', 'adaptability', 'serviceAwareness', 'productKnowledge', 'teamwork', 'problemSolving'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<Dimension, string> = {
  communication: '沟通表达',
  adaptability: '应变能力',
  serviceAwareness: '服务意识',
  productKnowledge: '产品知识',
  teamwork: '团队协作',
  problemSolving: '问题解决',
};

/** Stages of one candidate application (candidate × position). */
export const STAGES = ['ai_interviewed', 'in_review', 'second_interview', 'rejected', 'supplementary_test', 'hired', 'withdrawn', 'left', 'retake_requested'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  ai_interviewed: 'AI面试完成',
  in_review: '待审核',
  second_interview: '复试',
  rejected: '不通过',
  supplementary_test: '补充测试',
  hired: '已录用',
  withdrawn: '候选人放弃',
  left: '已离职',
  retake_requested: '重新面试',
};

export const RECOMMENDATIONS = ['recommended', 'borderline', 'not_recommended'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  recommended: '推荐',
  borderline: '待定',
  not_recommended: '不推荐',
};

export type Role = 'admin' | 'hr' | 'supervisor' | 'staff';

export const ROLE_LABELS: Record<Role, string> = { admin: '管理员', hr: 'HR', supervisor: '业务主管', staff: '员工' };

/** `course`: a training course; `programme`: the 储备主管 (reserve-supervisor) programme, a pool; `team`: a placement suggestion. */
export const TRAINING_KINDS = ['course', 'programme', 'team'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];
export const TRAINING_KIND_LABELS: Record<TrainingKind, string> = { course: '课程', programme: '储备主管培养', team: '团队建议' };

export const ASSIGNMENT_STATUSES = ['assigned', 'done', 'overdue', 'waived'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = { assigned: '待完成', done: '已完成', overdue: '已逾期', waived: '已免除' };

/** The tag of an application holding a (not waived) programme assignment. */
export const RESERVE_SUPERVISOR_LABEL = '储备主管';
