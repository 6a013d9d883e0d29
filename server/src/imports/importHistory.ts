import { HistoryRecordSchema, type HistoryRecord, type ImportReport, type RejectedRecord } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { transitionStage } from '../candidates/index.js';
import { shanghaiDate, writeInterviewResult } from '../interviews/index.js';
import { Application } from '../platform/db/entities/index.js';
import { inTransaction, isUniqueViolation } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { zodDetails } from '../platform/http/errorHandler.js';
import { AppError } from '../platform/http/errors.js';
import { canonicalJson, sha256Hex } from '../platform/hash.js';

/** Refusals of one record that the report carries; anything else is a server failure and propagates. */
const RECORD_CODES = new Set<RejectedRecord['code']>(['unknown_position', 'missing_dimension', 'interview_conflict', 'illegal_transition']);

/**
 * Import finished interviews of the past with how they ended. Each record is validated and written in
 * its own transaction (a refused record writes nothing and blocks no other); idempotent by interviewId
 * over the whole record. Imported rounds are marked imported and start no review: no outbox row, so
 * no approval and no work notice. The stage history records the path to the outcome at its own times.
 */
export async function importHistory(deps: Pick<Deps, 'ds' | 'clock'>, records: readonly unknown[]): Promise<ImportReport> {
  const report: ImportReport = { accepted: 0, replayed: 0, rejected: [] };
  for (const [index, input] of records.entries()) {
    const parsed = HistoryRecordSchema.safeParse(input);
    if (!parsed.success) {
      report.rejected.push({ index, interviewId: interviewIdOf(input), code: 'invalid_record', message: '记录不符合要求', details: zodDetails(parsed.error) });
      continue;
    }
    try {
      const status = await importOne(deps, parsed.data);
      if (status === 'created') report.accepted += 1;
      else report.replayed += 1;
    } catch (error) {
      if (!(error instanceof AppError) || !RECORD_CODES.has(error.code as RejectedRecord['code'])) throw error;
      report.rejected.push({ index, interviewId: parsed.data.interview.interviewId, code: error.code as RejectedRecord['code'], message: error.message, details: error.details });
    }
  }
  return report;
}

async function importOne(deps: Pick<Deps, 'ds' | 'clock'>, record: HistoryRecord): Promise<'created' | 'replayed'> {
  const payloadSha256 = sha256Hex(canonicalJson(record));
  const attempt = () =>
    inTransaction(deps.ds, async (em) => {
      const now = deps.clock.now();
      const written = await writeInterviewResult(em, record.interview, { payloadSha256, now, imported: true });
      if (written.status === 'created') await applyOutcome(em, written.data.applicationId, written.roundId, record.outcome, now);
      return written.status;
    });
  try {
    return await attempt();
  } catch (error) {
    // A concurrent import inserted the same interview or candidate first: run again to replay or conflict.
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

/** Walk the imported application from in_review to its outcome, each step at its historical time. */
async function applyOutcome(em: EntityManager, applicationId: string, roundId: string, outcome: HistoryRecord['outcome'], now: Date): Promise<void> {
  const decidedAt = new Date(outcome.decidedAt);
  const step = (from: Application['stage'], to: Application['stage'], at: Date, reason: string) =>
    transitionStage(em, { applicationId, from, to, actorType: 'system', roundId, reason }, at);
  await step('in_review', 'second_interview', decidedAt, '历史导入：审核通过，进入复试');
  if (outcome.stage === 'second_interview') return;
  const reasons = { hired: '历史导入：录用', rejected: '历史导入：复试未通过', withdrawn: '历史导入：候选人放弃' } as const;
  await step('second_interview', outcome.stage, decidedAt, reasons[outcome.stage]);
  const changes: Partial<Application> = { outcomeAt: decidedAt, updatedAt: now };
  if (outcome.stage === 'hired') {
    const hiredAt = new Date(outcome.hiredAt ?? outcome.decidedAt);
    Object.assign(changes, { hiredAt, onboardingDate: shanghaiDate(hiredAt), employeeId: outcome.employeeId ?? null });
    if (outcome.leftAt) {
      const leftAt = new Date(outcome.leftAt);
      await step('hired', 'left', leftAt, '历史导入：离职');
      changes.lastWorkDay = shanghaiDate(leftAt);
    }
  }
  await em.update(Application, { id: applicationId }, changes);
}

function interviewIdOf(input: unknown): string | undefined {
  const interview = (input as { interview?: { interviewId?: unknown } } | null)?.interview;
  return typeof interview?.interviewId === 'string' ? interview.interviewId : undefined;
}
