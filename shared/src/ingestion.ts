import { z } from 'zod';
import { DimensionScoresSchema } from './dimensions.js';

/** Hard limits of the ingestion API. */
export const INGEST_LIMITS = {
  maxBodyBytes: 1024 * 1024,
  maxRecordingBytes: 50 * 1024 * 1024,
  maxClockSkewSec: 300,
  maxScenarios: 50,
} as const;

/**
 * An interview batch: the vendor's `batchId` (e.g. its invitation batch "1120-A"), else the Asia/Shanghai
 * date (YYYY-MM-DD) the application's first round completed. One to 64 characters without whitespace.
 */
export const BATCH_PATTERN = /^\S{1,64}$/u;

/** Gender as the vendor may send it (with the candidate's consent), for fairness monitoring only. */
export const GENDERS = ['female', 'male', 'unspecified'] as const;
export type Gender = (typeof GENDERS)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const isoWithOffset = z.iso.datetime({ offset: true });

export const CandidateInputSchema = z.strictObject({
  externalId: text(128),
  name: text(64),
  phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'phone must be digits').optional(),
  email: z.email().max(254).optional(),
  /** Recruiting channel, e.g. "BOSS直聘", "校园招聘". */
  source: text(64).optional(),
  /** Only with consent.demographics: used for fairness monitoring only, never shown on a file or scored. */
  gender: z.enum(GENDERS).optional(),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  /**
   * What the vendor collected consent for: `recording` (voice recordings, sensitive personal information —
   * recordings are refused without it), `automatedAssessmentNotice` (when the candidate was told an AI scores
   * the interview; rounds without it are flagged), `demographics` (gender and birth year for fairness monitoring).
   */
  consent: z
    .strictObject({ recording: z.boolean().optional(), automatedAssessmentNotice: isoWithOffset.optional(), demographics: z.boolean().optional() })
    .optional(),
}).superRefine((value, ctx) => {
  if ((value.gender !== undefined || value.birthYear !== undefined) && value.consent?.demographics !== true) {
    ctx.addIssue({ code: 'custom', path: ['consent', 'demographics'], message: 'gender and birthYear may only be sent with consent.demographics: true' });
  }
});
export type CandidateInput = z.infer<typeof CandidateInputSchema>;

export const ScenarioInputSchema = z.strictObject({
  scenarioId: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'scenarioId: letters, digits, _ . - (max 64)'),
  title: text(200),
  prompt: text(20_000),
  transcript: z.string().max(100_000),
  responseLatencySec: z.number().min(0).max(86_400),
  durationSec: z.number().min(0).max(86_400).optional(),
  scores: DimensionScoresSchema,
  emotionVolatility: z.number().min(0).max(1).optional(),
});
export type ScenarioInput = z.infer<typeof ScenarioInputSchema>;

export const ReportInputSchema = z.strictObject({
  summary: text(20_000),
  strengths: z.array(text(1000)).max(50).optional(),
  risks: z.array(text(1000)).max(50).optional(),
});
export type ReportInput = z.infer<typeof ReportInputSchema>;

/** The body of `POST /api/v1/interview-results`: one finished AI interview. */
export const InterviewResultSchema = z
  .strictObject({
    interviewId: z.string().trim().min(1).max(128),
    positionCode: text(64),
    requestId: text(128).optional(),
    /** The vendor's batch (see BATCH_PATTERN); without it the batch is the completion date in Asia/Shanghai. */
    batchId: z
      .string()
      .regex(BATCH_PATTERN, 'batchId: 1–64 characters without whitespace')
      .describe("The vendor's batch, e.g. its invitation batch. Without it the application's batch is its first round's completion date in Asia/Shanghai (YYYY-MM-DD).")
      .optional(),
    candidate: CandidateInputSchema,
    startedAt: isoWithOffset,
    completedAt: isoWithOffset,
    scenarios: z.array(ScenarioInputSchema).min(1).max(INGEST_LIMITS.maxScenarios),
    dimensionScores: DimensionScoresSchema.optional(),
    report: ReportInputSchema.optional(),
  })
  .superRefine((value, ctx) => {
    // Format issues do not abort refinements; comparing a time without offset would depend on the server's zone.
    const timesValid = isoWithOffset.safeParse(value.startedAt).success && isoWithOffset.safeParse(value.completedAt).success;
    if (timesValid && Date.parse(value.completedAt) < Date.parse(value.startedAt)) {
      ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'completedAt is before startedAt' });
    }
    const seen = new Set<string>();
    value.scenarios.forEach((scenario, index) => {
      if (seen.has(scenario.scenarioId)) {
        ctx.addIssue({ code: 'custom', path: ['scenarios', index, 'scenarioId'], message: 'duplicate scenarioId' });
      }
      seen.add(scenario.scenarioId);
    });
  });
export type InterviewResult = z.infer<typeof InterviewResultSchema>;

import type { Recommendation } from './labels.js';

export { RECOMMENDATIONS, RECOMMENDATION_LABELS, type Recommendation } from './labels.js';

/** `data` of a successful ingestion (201 new, 200 replay). */
export interface IngestionResponse {
  candidateId: string;
  applicationId: string;
  interviewId: string;
  round: number;
  overallScore: number;
  recommendation: Recommendation;
  modelVersion: number;
  stage: 'in_review';
}

/** Audio content types accepted for recordings, with the extension stored. */
export const RECORDING_TYPES = {
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/aac': 'aac',
  'audio/wav': 'wav',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
} as const;
export type RecordingContentType = keyof typeof RECORDING_TYPES;

/**
 * The recording consent stored with a round: `given`/`refused` as the vendor sent it, `absent` when a
 * round arrived without it, `unknown` for rounds stored before consent was recorded (never assumed).
 */
export const RECORDING_CONSENTS = ['given', 'refused', 'absent', 'unknown'] as const;
export type RecordingConsent = (typeof RECORDING_CONSENTS)[number];

export function recordingConsentOf(consent: { recording?: boolean } | undefined): RecordingConsent {
  return consent?.recording === true ? 'given' : consent?.recording === false ? 'refused' : 'absent';
}
