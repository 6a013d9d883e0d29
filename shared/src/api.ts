import { z } from 'zod';
import type { Dimension, DimensionScores } from './dimensions.js';
import { BATCH_PATTERN, type Recommendation, type RecordingConsent } from './ingestion.js';
import type { ReviewDecision, SupplementaryScenarioId } from './review.js';
import type { Role } from './labels.js';
import { STAGES, type Stage } from './stages.js';
import { EvaluationModelSchema, type EvaluationModel, type LatencySummary } from './scoring.js';
import type { TrainingAssignmentView } from './training.js';

/**
 * The H5 app's API (`/api/v1`, JSON). Success: `{ data }`; failure: `{ error: { code, message } }`
 * (see errors.ts). Request schemas are zod so the server validates and the app reuses them.
 */

export { ROLE_LABELS, type Role } from './labels.js';

export const SESSION_COOKIE = 'aireview_session';

/** POST /api/v1/auth/dingtalk */
export const LoginInputSchema = z.strictObject({ authCode: z.string().min(1).max(256) });

export interface SessionUser {
  userId: string;
  name: string;
  role: Role;
  departmentIds: number[];
}

/**
 * `data` of POST /api/v1/auth/dingtalk and GET /api/v1/me. The session itself travels only as the
 * httpOnly cookie: its token never appears in a JSON body or a URL.
 */
export interface SessionInfo {
  user: SessionUser;
  expiresAt: string;
  /** The user's departments with their names (ids the server does not know keep a placeholder name). */
  departments?: { id: number; name: string }[];
}

/** GET /api/v1/client-config (public): what the app needs before login. */
export interface ClientConfig {
  corpId: string;
  clientId: string;
  agentId: string;
  /** Present only in sandbox mode: the demo users the login picker offers. */
  sandbox: { users: { userId: string; name: string; title: string | null; role: Role }[] } | null;
}

/** GET /api/v1/applications?… — keyset-paginated, newest interview first. */
export const ApplicationListQuerySchema = z.strictObject({
  /** Name (contains) or phone suffix (digits, ≥ 4). */
  q: z.string().trim().max(64).optional(),
  positionCode: z.string().max(64).optional(),
  stage: z.enum(STAGES).optional(),
  /** The vendor's batchId, or the first round's completion date YYYY-MM-DD (Asia/Shanghai); see BATCH_PATTERN. */
  batch: z.string().regex(BATCH_PATTERN).optional(),
  source: z.string().max(64).optional(),
  /** A talent pool: `reserve_supervisor` (储备主管). */
  pool: z.enum(['reserve_supervisor']).optional(),
  scoreMin: z.coerce.number().min(0).max(100).optional(),
  scoreMax: z.coerce.number().min(0).max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ApplicationListQuery = z.input<typeof ApplicationListQuerySchema>;

export interface ApplicationSummary {
  applicationId: string;
  candidateId: string;
  candidateName: string;
  /** Masked (138****8000) unless the viewer is HR or admin. */
  phone: string | null;
  source: string | null;
  positionCode: string;
  positionName: string;
  stage: Stage;
  overallScore: number;
  recommendation: Recommendation;
  round: number;
  batch: string;
  lastInterviewAt: string;
  /** In the 储备主管 pool (see ApplicationFile.reserveSupervisor). */
  reserveSupervisor: boolean;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null at the end. */
  nextCursor: string | null;
}

/** GET /api/v1/reviews/pending — the viewer's open reviews, oldest first. */
export interface PendingReview {
  reviewId: string;
  application: ApplicationSummary;
  startedAt: string;
  /** Hours since the approval started, for "已等待 5 小时". */
  waitingHours: number;
}

export interface ScenarioView {
  scenarioResultId: string;
  scenarioId: string;
  title: string;
  prompt: string;
  transcript: string;
  responseLatencyMs: number;
  /** responseLatencyMs > 30 s */
  slow: boolean;
  durationMs: number | null;
  scores: DimensionScores;
  /** Mean of the scenario's scores; the lowest one in a round is `lowest`. */
  averageScore: number;
  lowest: boolean;
  /** `/api/v1/recordings/{scenarioResultId}` (Range supported) or null when none was uploaded. */
  recordingUrl: string | null;
}

/**
 * `data` of GET /api/v1/recordings/{scenarioResultId}/link: a URL for `<audio src>` that plays this
 * recording for this user without a session, until `expiresAt` (ISO-8601, at most 5 minutes ahead).
 */
export interface RecordingLink {
  url: string;
  expiresAt: string;
}

export interface RoundView {
  roundId: string;
  /** Consent stored with the round; a missing automated-assessment notice is flagged on the file. */
  consent: { recording: RecordingConsent; automatedAssessmentNoticeAt: string | null };
  round: number;
  interviewId: string;
  requestId: string | null;
  completedAt: string;
  overallScore: number;
  recommendation: Recommendation;
  modelVersion: number;
  dimensionScores: DimensionScores;
  floorsMissed: Dimension[];
  latencyPenalty: number;
  latency: LatencySummary;
  scenarios: ScenarioView[];
  report: { summary: string; strengths: string[]; risks: string[] } | null;
}

export interface StageChangeView {
  from: Stage | null;
  to: Stage;
  actorType: string;
  actorName: string | null;
  reason: string | null;
  at: string;
}

export interface ReviewView {
  reviewId: string;
  round: number;
  status: 'starting' | 'pending' | 'decided' | 'terminated';
  approverUserIds: string[];
  decision: ReviewDecision | null;
  decidedByName: string | null;
  decidedAt: string | null;
  remark: string | null;
  agreedWithAi: boolean | null;
  supplementaryScenarios: SupplementaryScenarioId[] | null;
}

/** GET /api/v1/applications/:id — the candidate file. */
export interface ApplicationFile {
  application: ApplicationSummary;
  candidate: { name: string; phone: string | null; email: string | null; source: string | null; externalId: string | null };
  position: { code: string; name: string; departmentId: number };
  /** The persona version the latest round was scored with (weights, floors, pass score). */
  model: EvaluationModel & { version: number };
  rounds: RoundView[];
  stageHistory: StageChangeView[];
  /** Newest first. */
  reviews: ReviewView[];
  /** True when the viewer is an approver of the open review. */
  canDecide: boolean;
  /** After 复试: the outcome, onboarding and 智能人事 state; null before an outcome was recorded. */
  hiring: HiringView | null;
  /** True when the viewer (HR, admin) may record the 复试 outcome now (the application is in 复试). */
  canRecordOutcome: boolean;
  /** What the interview assigned (培训安排), oldest first; the trigger score says why. */
  trainingAssignments: TrainingAssignmentView[];
  /** In the 储备主管 (reserve-supervisor) pool: a programme assignment that was not waived. */
  reserveSupervisor: boolean;
  /** HR and admin may mark assignments done or waived. */
  canManageTraining: boolean;
  /** HR and admin may send the candidate to retake the AI interview (from 待审核 or 不通过). */
  canRetake: boolean;
  /** HR and admin may move the candidate straight to 复试 with mandatory training (from 待审核). */
  canFastTrack: boolean;
}

/** The 复试 outcomes HR record (POST /api/v1/applications/:id/outcome). */
export const OUTCOMES = ['hired', 'rejected', 'withdrawn'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A calendar date, YYYY-MM-DD, that exists. */
const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, '日期不存在');

/** POST /api/v1/applications/:id/outcome — the 复试 result; hired needs the expected onboarding date. */
export const OutcomeInputSchema = z
  .strictObject({
    outcome: z.enum(OUTCOMES),
    onboardingDate: CalendarDateSchema.optional(),
    remark: z.string().trim().max(500).optional(),
  })
  .refine((input) => input.outcome !== 'hired' || input.onboardingDate !== undefined, { message: '录用需要填写预计入职日期', path: ['onboardingDate'] })
  .refine((input) => input.outcome === 'hired' || input.onboardingDate === undefined, { message: '只有录用需要入职日期', path: ['onboardingDate'] });
export type OutcomeInput = z.input<typeof OutcomeInputSchema>;

/** `data` of POST /api/v1/applications/:id/outcome. */
export interface OutcomeResult {
  applicationId: string;
  stage: Stage;
  onboardingDate: string | null;
}

/**
 * Where a hire stands in DingTalk 智能人事: `creating` (pre-entry being created), `pre_entry`
 * (待入职 created), `onboarded` (an employee, linked by mobile), `left` (已离职).
 */
export type HrStatus = 'creating' | 'pre_entry' | 'onboarded' | 'left';

export interface HiringView {
  outcome: Outcome | null;
  outcomeAt: string | null;
  outcomeByName: string | null;
  onboardingDate: string | null;
  /** Null unless hired (or left after being hired). */
  hrStatus: HrStatus | null;
  lastWorkDay: string | null;
  leftReason: 'voluntary' | 'passive' | null;
}

/** POST /api/v1/applications/:id/decision — body: DecisionInputSchema (review.ts). */
export interface DecisionResult {
  applicationId: string;
  reviewId: string;
  decision: ReviewDecision;
  stage: Stage;
  agreedWithAi: boolean;
  /** `applied` now, or `unchanged` when the same decision had already been recorded. */
  outcome: 'applied' | 'unchanged';
}

/** GET /api/v1/positions — personas readable by all staff. */
export interface PositionView {
  code: string;
  name: string;
  departmentId: number;
  supervisorUserIds: string[];
  currentModelVersion: number;
  model: EvaluationModel;
}

/** GET /api/v1/positions/:code/models — version history, newest first. */
export interface ModelVersionView {
  version: number;
  model: EvaluationModel;
  note: string | null;
  createdByName: string | null;
  createdAt: string;
}

/** `data` of GET /api/v1/reviews/pending. */
export interface PendingReviewList {
  items: PendingReview[];
  count: number;
}

/** POST /api/v1/auth/sandbox-code (sandbox mode only): a login code for a demo user. */
export const SandboxCodeInputSchema = z.strictObject({ userId: z.string().min(1).max(64) });

/** PUT /api/v1/positions/:code/model (HR and admin). */
export const PublishModelInputSchema = z.strictObject({
  model: EvaluationModelSchema,
  note: z.string().trim().max(500).optional(),
  /** Re-score the position's existing rounds with the new version. */
  rescore: z.boolean().optional(),
  /** The version the editor started from; another version published meanwhile → 409 concurrent_update. */
  expectedVersion: z.number().int().min(1).optional(),
});
export type PublishModelInput = z.input<typeof PublishModelInputSchema>;

/** `data` of PUT /api/v1/positions/:code/model. */
export interface PublishModelResult {
  position: PositionView;
  /** Present when `rescore` was asked for. */
  rescore: { modelVersion: number; roundsRescored: number; roundsSkipped: number; recommendationChanges: number } | null;
}

/** GET /api/v1/admin/outbox — one outbox row as admins see it. */
export interface OutboxRowView {
  id: string;
  kind: string;
  status: 'pending' | 'delivered' | 'failed';
  payload: Record<string, unknown>;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  deliveredAt: string | null;
}

export interface OutboxList {
  counts: Record<OutboxRowView['status'], number>;
  items: OutboxRowView[];
}
