import type { SessionUser } from '@aireview/shared';
import type { Readable } from 'node:stream';
import { writeAudit } from '../platform/audit.js';
import { InterviewRound, ScenarioResult } from '../platform/db/entities/index.js';
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

/**
 * A scenario recording, whole or one byte range, for a viewer who may see its candidate file.
 * A play (a request from byte 0) is audited once; the range requests that follow are not.
 */
export async function openRecording(
  deps: Pick<Deps, 'ds' | 'storage' | 'clock'>,
  viewer: SessionUser,
  input: { scenarioResultId: string; range?: string; head?: boolean; requestId?: string },
): Promise<OpenedRecording> {
  const scenario = await deps.ds.getRepository(ScenarioResult).findOneBy({ id: input.scenarioResultId });
  if (!scenario) throw recordingNotFound();
  const round = await deps.ds.getRepository(InterviewRound).findOneByOrFail({ id: scenario.roundId });
  const { application } = await findVisibleApplication(deps.ds, viewer, round.applicationId).catch((error: unknown) => {
    throw error instanceof AppError && error.status === 404 ? recordingNotFound() : error;
  });
  if (!scenario.recordingKey) throw recordingNotFound();
  const size = await deps.storage.size(scenario.recordingKey);
  if (size === null) throw recordingNotFound();

  const range = parseRange(input.range, size);
  if (range === 'unsatisfiable') throw rangeNotSatisfiable(size);
  if ((range?.start ?? 0) === 0 && !input.head) {
    await inTransaction(deps.ds, (em) =>
      writeAudit(em, {
        actorType: 'user',
        actorId: viewer.userId,
        action: 'recording.played',
        subjectType: 'scenario_result',
        subjectId: scenario.id,
        details: { applicationId: application.id, scenarioId: scenario.scenarioId },
        requestId: input.requestId ?? null,
      }, deps.clock.now()),
    );
  }
  return {
    contentType: scenario.recordingContentType ?? 'application/octet-stream',
    size,
    range,
    body: input.head || size === 0 ? null : deps.storage.read(scenario.recordingKey, range ?? undefined),
  };
}
