import { z } from 'zod';
import { InterviewResultSchema } from './ingestion.js';

/** Hard limits of the signed import API and the HR upload. */
export const IMPORT_LIMITS = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxHistoryRecords: 500,
  maxPerformanceRecords: 5000,
} as const;

/** The xlsx media type the HR upload accepts besides text/csv. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const isoWithOffset = z.iso.datetime({ offset: true });

/** Where a historical interview ended: passed review (second_interview) or the 复试 outcome. */
export const HistoryOutcomeSchema = z
  .strictObject({
    stage: z.enum(['hired', 'rejected', 'withdrawn', 'second_interview']),
    decidedAt: isoWithOffset,
    hiredAt: isoWithOffset.optional(),
    employeeId: z.string().trim().min(1).max(64).optional(),
    leftAt: isoWithOffset.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.stage !== 'hired') {
      for (const key of ['hiredAt', 'employeeId', 'leftAt'] as const) {
        if (value[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} only with stage hired` });
      }
    }
    const hiredAt = value.hiredAt ?? value.decidedAt;
    if (value.leftAt && isoWithOffset.safeParse(value.leftAt).success && Date.parse(value.leftAt) < Date.parse(hiredAt)) {
      ctx.addIssue({ code: 'custom', path: ['leftAt'], message: 'leftAt is before hiredAt' });
    }
  });
export type HistoryOutcome = z.infer<typeof HistoryOutcomeSchema>;

/** One line of interview history: the interview as the vendor would have pushed it, and how it ended. */
export const HistoryRecordSchema = z
  .strictObject({ interview: InterviewResultSchema, outcome: HistoryOutcomeSchema })
  .superRefine((value, ctx) => {
    if (value.interview.requestId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['interview', 'requestId'], message: 'imported history has no supplementary-test requests' });
    }
    if (Date.parse(value.outcome.decidedAt) < Date.parse(value.interview.completedAt)) {
      ctx.addIssue({ code: 'custom', path: ['outcome', 'decidedAt'], message: 'decidedAt is before the interview completed' });
    }
  });
export type HistoryRecord = z.infer<typeof HistoryRecordSchema>;

/** The envelope of a batch; each record is validated on its own (invalid_record) so one never blocks others. */
export const HistoryImportBodySchema = z.strictObject({
  records: z.array(z.unknown()).min(1).max(IMPORT_LIMITS.maxHistoryRecords),
});

const score = z.number().min(0).max(100);

/** One month of a hire's performance; at least one key (employeeId, candidateExternalId, phone) and one metric. */
export const PerformanceInputSchema = z
  .strictObject({
    employeeId: z.string().trim().min(1).max(64).optional(),
    candidateExternalId: z.string().trim().min(1).max(128).optional(),
    phone: z.string().trim().regex(/^\+?[0-9][0-9 -]{4,19}$/, 'phone must be digits').optional(),
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be YYYY-MM'),
    satisfaction: score.optional(),
    resolutionRate: z.number().min(0).max(1).optional(),
    qaScore: score.optional(),
  })
  .superRefine((value, ctx) => {
    if (value.employeeId === undefined && value.candidateExternalId === undefined && value.phone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['employeeId'], message: 'one of employeeId, candidateExternalId, phone is required' });
    }
    if (value.satisfaction === undefined && value.resolutionRate === undefined && value.qaScore === undefined) {
      ctx.addIssue({ code: 'custom', path: ['satisfaction'], message: 'one of satisfaction, resolutionRate, qaScore is required' });
    }
  });
export type PerformanceInput = z.infer<typeof PerformanceInputSchema>;

export const PerformanceImportBodySchema = z.strictObject({
  records: z.array(z.unknown()).min(1).max(IMPORT_LIMITS.maxPerformanceRecords),
});

/** Why one record of a batch was not written. */
export interface RejectedRecord {
  /** 0-based position in `records`. */
  index: number;
  /** The sheet's row number (HR upload only). */
  row?: number;
  interviewId?: string;
  code:
    | 'invalid_record'
    | 'unknown_position'
    | 'missing_dimension'
    | 'interview_conflict'
    | 'illegal_transition'
    | 'unknown_employee'
    | 'ambiguous_employee';
  message: string;
  details?: unknown;
}

/** `data` of an import: written records, records already there unchanged, and every rejected one. */
export interface ImportReport {
  accepted: number;
  replayed: number;
  rejected: RejectedRecord[];
}
