import type { SessionUser } from '@aireview/shared';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { writeAudit } from '../commands/audit.js';
import { InterviewRound, ScenarioResult } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, notFound } from '../errors.js';
import { parseRange } from '../storage/range.js';
import type { RecordingStorage } from '../storage/storage.js';
import { findVisibleApplication } from './applicationFile.js';

export interface RecordingResponse {
  status: 200 | 206;
  contentType: string;
  /** Bytes in this response. */
  length: number;
  /** `bytes a-b/size` for a partial response. */
  contentRange: string | null;
  /** Null for HEAD. */
  body: Readable | null;
}

const recordingNotFound = () => notFound('not_found', '录音不存在或无权收听');

/**
 * A scenario recording, whole or one byte range, for a viewer who may see its candidate file.
 * A play (a request from byte 0) is audited once; the range requests that follow are not.
 */
export async function openRecording(
  deps: { ds: DataSource; storage: RecordingStorage; now?: () => Date },
  viewer: SessionUser,
  input: { scenarioResultId: string; range?: string; head?: boolean; requestId?: string },
): Promise<RecordingResponse> {
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
  if (range === 'unsatisfiable') {
    throw new AppError(416, 'range_not_satisfiable', '请求的字节范围超出录音长度', { size });
  }
  const start = range?.start ?? 0;
  const end = range?.end ?? size - 1;
  if (start === 0 && !input.head) {
    await inTransaction(deps.ds, (em) =>
      writeAudit(
        em,
        {
          actorType: 'user',
          actorId: viewer.userId,
          action: 'recording.played',
          subjectType: 'scenario_result',
          subjectId: scenario.id,
          details: { applicationId: application.id, scenarioId: scenario.scenarioId },
          requestId: input.requestId ?? null,
        },
        deps.now?.() ?? new Date(),
      ),
    );
  }
  return {
    status: range ? 206 : 200,
    contentType: scenario.recordingContentType ?? 'application/octet-stream',
    length: size === 0 ? 0 : end - start + 1,
    contentRange: range ? `bytes ${start}-${end}/${size}` : null,
    body: input.head || size === 0 ? null : deps.storage.read(scenario.recordingKey, range ?? undefined),
  };
}
