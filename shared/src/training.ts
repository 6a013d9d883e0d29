import { z } from 'zod';
import { DimensionSchema, ScoreSchema, type Dimension, type DimensionScores } from './dimensions.js';
import { ASSIGNMENT_STATUSES, ASSIGNMENT_STATUS_LABELS, RESERVE_SUPERVISOR_LABEL, TRAINING_KINDS, TRAINING_KIND_LABELS, type AssignmentStatus, type TrainingKind } from './labels.js';
import { REMARK_MAX_LENGTH } from './review.js';

export { ASSIGNMENT_STATUSES, ASSIGNMENT_STATUS_LABELS, RESERVE_SUPERVISOR_LABEL, TRAINING_KINDS, TRAINING_KIND_LABELS, type AssignmentStatus, type TrainingKind };

/**
 * Training linkage (培训联动): per-position rules turn interview scores into assignments when an
 * application enters 复试 and again when it is hired; HR's own moves (retake, fast-track) live here too.
 */


/** What a rule's due date counts from: the onboarding date (known once hired) or the decision that fired it. */
export const DUE_ANCHORS = ['onboarding', 'decision'] as const;
export type DueAnchor = (typeof DUE_ANCHORS)[number];


/** The stages on entering which rules fire. */
export const TRAINING_TRIGGERS = ['second_interview', 'hired'] as const;
export type TrainingTrigger = (typeof TRAINING_TRIGGERS)[number];


const RULE_ID = /^[a-z0-9][a-z0-9_-]{0,47}$/;

export const TrainingRuleSchema = z.strictObject({
  id: z.string().regex(RULE_ID, '规则编号只能包含小写字母、数字、- 和 _（最多 48 位）'),
  when: z
    .strictObject({ dimension: DimensionSchema, below: ScoreSchema.optional(), atLeast: ScoreSchema.optional() })
    .refine((w) => w.below !== undefined || w.atLeast !== undefined, { message: '条件需要「低于」或「不低于」', path: ['below'] })
    .refine((w) => w.below === undefined || w.atLeast === undefined || w.atLeast < w.below, { message: '「不低于」需小于「低于」', path: ['atLeast'] }),
  assign: z
    .strictObject({
      kind: z.enum(TRAINING_KINDS),
      title: z.string().trim().min(1).max(64),
      dueDays: z.number().int().min(0).max(365).optional(),
      relativeTo: z.enum(DUE_ANCHORS),
    })
    .refine((a) => a.kind !== 'team' || a.dueDays === undefined, { message: '团队建议没有完成期限', path: ['dueDays'] }),
});
export type TrainingRule = z.infer<typeof TrainingRuleSchema>;
export type TrainingRuleInput = z.input<typeof TrainingRuleSchema>;

export const MAX_TRAINING_RULES = 50;

/** PUT /api/v1/positions/:code/training-rules — the whole rule set, as a new version. */
export const TrainingRulesInputSchema = z.strictObject({
  rules: z
    .array(TrainingRuleSchema)
    .max(MAX_TRAINING_RULES)
    .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, { message: '规则编号不能重复' }),
  /** The version the editor started from (0 when the position had no rules); anything newer → 409 concurrent_update. */
  expectedVersion: z.number().int().min(0),
  note: z.string().trim().max(REMARK_MAX_LENGTH).optional(),
});
export type TrainingRulesInput = z.input<typeof TrainingRulesInputSchema>;

/** `data` of GET/PUT /api/v1/positions/:code/training-rules. */
export interface TrainingRulesView {
  positionCode: string;
  /** 0 while the position never had rules. */
  version: number;
  rules: TrainingRule[];
  note: string | null;
  updatedByName: string | null;
  updatedAt: string | null;
  /** Earlier versions, newest first. */
  history: { version: number; ruleCount: number; note: string | null; createdByName: string | null; createdAt: string }[];
}

/** Whether a rule's condition holds for these scores: `below` is strict, `atLeast` includes the threshold. */
export function ruleMatches(rule: Pick<TrainingRule, 'when'>, scores: DimensionScores): boolean {
  const score = scores[rule.when.dimension];
  if (score === undefined) return false;
  if (rule.when.below !== undefined && !(score < rule.when.below)) return false;
  if (rule.when.atLeast !== undefined && !(score >= rule.when.atLeast)) return false;
  return true;
}

/** "服务意识 < 70", "应变能力 ≥ 85", "60 ≤ 产品知识 < 70". */
export function describeCondition(when: TrainingRule['when'], label: (d: Dimension) => string): string {
  const name = label(when.dimension);
  if (when.below !== undefined && when.atLeast !== undefined) return `${when.atLeast} ≤ ${name} < ${when.below}`;
  return when.below !== undefined ? `${name} < ${when.below}` : `${name} ≥ ${when.atLeast}`;
}

/** One assignment as the candidate file and GET /api/v1/applications/:id show it. */
export interface TrainingAssignmentView {
  id: string;
  ruleId: string;
  kind: TrainingKind;
  title: string;
  /** ISO-8601; absent while it counts from an onboarding date not yet known, or without a deadline. */
  dueAt?: string;
  status: AssignmentStatus;
  completedAt?: string;
  /** The course score the learning platform reported, if any. */
  completionScore?: number;
  /** Chosen by HR as mandatory when fast-tracking to 复试. */
  mandatory: boolean;
  /** The dimension and score that fired the rule (its score when the rule fired). */
  trigger: { dimension: Dimension; score: number } | null;
  /** The stage whose entry created it. */
  firedAt: TrainingTrigger;
  relativeTo: DueAnchor;
  dueDays?: number;
  /** Remark given when HR marked it done or waived. */
  remark?: string;
  createdAt: string;
}

/** GET /api/v1/me/training-assignments: the viewer's own courses and programmes, as a hire. */
export interface OwnTrainingAssignment extends TrainingAssignmentView {
  positionName: string;
}

/** POST /api/v1/training-assignments/:id/status (HR, admin). */
export const AssignmentStatusInputSchema = z.strictObject({
  status: z.enum(['done', 'waived']),
  remark: z.string().trim().max(REMARK_MAX_LENGTH).optional(),
});
export type AssignmentStatusInput = z.input<typeof AssignmentStatusInputSchema>;

const Instant = z.iso.datetime({ offset: true });

/**
 * POST /api/v1/training-completions (signed with IMPORT_SECRET): the learning platform reports a
 * completion, by our assignment id or by the employee id and the course title.
 */
export const TrainingCompletionInputSchema = z.union([
  z.strictObject({ assignmentId: z.string().min(1).max(64), completedAt: Instant, score: ScoreSchema.optional() }),
  z.strictObject({ employeeId: z.string().min(1).max(64), title: z.string().trim().min(1).max(64), completedAt: Instant, score: ScoreSchema.optional() }),
]);
export type TrainingCompletionInput = z.input<typeof TrainingCompletionInputSchema>;

/** `data` of POST /api/v1/training-completions and of the status change. */
export interface AssignmentStatusResult {
  assignment: TrainingAssignmentView;
  /** `unchanged` when the assignment already had this status (a repeat). */
  outcome: 'applied' | 'unchanged';
}

/** POST /api/v1/applications/:id/retake (HR, admin): a full retake of the AI interview, after a course. */
export const RetakeInputSchema = z.strictObject({ remark: z.string().trim().min(1, '请填写原因').max(REMARK_MAX_LENGTH) });
export type RetakeInput = z.input<typeof RetakeInputSchema>;

/** POST /api/v1/applications/:id/fast-track (HR, admin): straight to 复试, with mandatory training chosen from the position's course rules. */
export const FastTrackInputSchema = z.strictObject({
  remark: z.string().trim().min(1, '请填写原因').max(REMARK_MAX_LENGTH),
  ruleIds: z.array(z.string().regex(RULE_ID)).min(1, '至少选择一项必修培训').max(MAX_TRAINING_RULES),
});
export type FastTrackInput = z.input<typeof FastTrackInputSchema>;

/** `data` of retake and fast-track. */
export interface MoveResult {
  applicationId: string;
  stage: 'retake_requested' | 'second_interview';
  /** Retake: the vendor request's id (the answering round carries it as `requestId`). */
  requestId?: string;
  /** Fast-track: the assignments created (mandatory ones first). */
  assignments?: TrainingAssignmentView[];
}

/** What the learning platform receives at TRAINING_WEBHOOK_URL (signed, `Idempotency-Key`). */
export interface TrainingWebhookEvent {
  /** Unique per event; also the `Idempotency-Key`. */
  eventId: string;
  type: 'assignment.created' | 'assignment.updated';
  assignment: {
    id: string;
    kind: Exclude<TrainingKind, 'team'>;
    title: string;
    status: AssignmentStatus;
    dueAt: string | null;
    mandatory: boolean;
  };
  person: { name: string; mobile: string | null; employeeId: string | null; dingtalkUserId: string | null };
  position: { code: string; name: string };
  applicationId: string;
  occurredAt: string;
}
