import type { SessionUser } from '@aireview/shared';
import type { Readable } from 'node:stream';
import { MoreThan, type DataSource } from 'typeorm';
import { writeAudit } from '../platform/audit.js';
import { Application, AuditEntry, InterviewRound, ScenarioResult } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { AppError, notFound, rangeNotSatisfiable } from '../platform/http/errors.js';
import { parseRange, type ByteRange } from '../platform/storage/range.js';
import { findVisibleApplication } from './queries.js';

export interface OpenedRecording {
  contentType: string;
  /** The whole recording's size in bytes. */
  size: number;
  /** The part asked for; null for the whole recording. */
  range: ByteRange | null;
  /** Null for HEAD and for an empty recording. */
  body: Readable | null;
}

const recordingNotFound = () => notFound('not_found', '录音不存在或无权收听');

/** A user's reads of one recording within this long make one `recording.played` entry. */
export const RECORDING_AUDIT_WINDOW_MS = 10 * 60_000;

/** The scenario and its application, when it has a recording and the viewer may see its candidate file; 404 otherwise. */
export async function findVisibleRecording(ds: DataSource, viewer: SessionUser, scenarioResultId: string): Promise<{ scenario: ScenarioResult & { recordingKey: string }; application: Application }> {
  const scenario = await ds.getRepository(ScenarioResult).findOneBy({ id: scenarioResultId });
  if (!scenario) throw recordingNotFound();
  const round = await ds.getRepository(InterviewRound).findOneByOrFail({ id: scenario.roundId });
  const { application } = await findVisibleApplication(ds, viewer, round.applicationId).catch((error: unknown) => {
    throw error instanceof AppError && error.status === 404 ? recordingNotFound() : error;
  });
  if (!scenario.recordingKey) throw recordingNotFound();
  return { scenario: scenario as ScenarioResult & { recordingKey: string }, application };
}

/**
 * A scenario recording, whole or one byte range, for a viewer who may see its candidate file.
 * Every read counts, whatever its range (a download can start anywhere): a user's reads of one
 * recording are audited once per RECORDING_AUDIT_WINDOW_MS. HEAD reads nothing and is not audited.
 */
export async function openRecording(
  deps: Pick<Deps, 'ds' | 'storage' | 'clock'>,
  viewer: SessionUser,
  input: { scenarioResultId: string; range?: string; head?: boolean; requestId?: string; via?: 'session' | 'link' },
): Promise<OpenedRecording> {
  const { scenario, application } = await findVisibleRecording(deps.ds, viewer, input.scenarioResultId);
  const size = await deps.storage.size(scenario.recordingKey);
  if (size === null) throw recordingNotFound();

  const range = parseRange(input.range, size);
  if (range === 'unsatisfiable') throw rangeNotSatisfiable(size);
  if (!input.head) await auditRead(deps, viewer, { scenario, application, range, via: input.via ?? 'session', requestId: input.requestId ?? null });
  return {
    contentType: scenario.recordingContentType ?? 'application/octet-stream',
    size,
    range,
    body: input.head || size === 0 ? null : deps.storage.read(scenario.recordingKey, range ?? undefined),
  };
}

/**
 * One `recording.played` entry per user, recording and window. Two reads racing on an empty window may
 * both write one; more entries than needed, never fewer.
 */
async function auditRead(
  deps: Pick<Deps, 'ds' | 'clock'>,
  viewer: SessionUser,
  read: { scenario: ScenarioResult; application: Application; range: ByteRange | null; via: 'session' | 'link'; requestId: string | null },
): Promise<void> {
  const now = deps.clock.now();
  await inTransaction(deps.ds, async (em) => {
    const recent = await em.exists(AuditEntry, {
      where: {
        subjectType: 'scenario_result',
        subjectId: read.scenario.id,
        actorId: viewer.userId,
        action: 'recording.played',
        createdAt: MoreThan(new Date(now.getTime() - RECORDING_AUDIT_WINDOW_MS)),
      },
    });
    if (recent) return;
    await writeAudit(em, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'recording.played',
      subjectType: 'scenario_result',
      subjectId: read.scenario.id,
      details: { applicationId: read.application.id, scenarioId: read.scenario.scenarioId, from: read.range?.start ?? 0, via: read.via },
      requestId: read.requestId,
    }, now);
  });
}
