import { RECORDING_TYPES, type RecordingContentType } from '@aireview/shared';
import { InterviewRound, ScenarioResult } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import { notFound, unsupportedMediaType } from '../platform/http/errors.js';
import { matchesAudioType } from '../platform/storage/audioMagic.js';
import { writeAudit } from '../platform/audit.js';
import type { Deps } from '../platform/deps.js';
import { sha256Hex } from '../platform/hash.js';

export interface StoreRecordingInput {
  interviewId: string;
  scenarioId: string;
  contentType: string;
  body: Buffer;
  requestId?: string;
}

export interface StoreRecordingOutcome {
  status: 'created' | 'unchanged' | 'replaced';
  data: { interviewId: string; scenarioId: string; bytes: number; sha256: string; contentType: RecordingContentType };
}

function isRecordingType(type: string): type is RecordingContentType {
  return Object.hasOwn(RECORDING_TYPES, type);
}

/**
 * Attach a recording to a scenario. Same bytes again → unchanged; different bytes → replaced.
 * The file is written before the row points at it, and an old file is removed only after commit.
 */
export async function storeRecording(deps: Pick<Deps, 'ds' | 'storage' | 'clock'>, input: StoreRecordingInput): Promise<StoreRecordingOutcome> {
  if (!isRecordingType(input.contentType)) {
    throw unsupportedMediaType(`不支持的录音格式：${input.contentType}`, { accepted: Object.keys(RECORDING_TYPES) });
  }
  const contentType = input.contentType;
  if (!matchesAudioType(contentType, input.body)) {
    throw unsupportedMediaType(`录音内容与声明的格式 ${contentType} 不符`, { contentType });
  }
  const round = await deps.ds.getRepository(InterviewRound).findOneBy({ interviewId: input.interviewId });
  if (!round) throw notFound('unknown_interview', `面试 ${input.interviewId} 不存在`);
  const scenario = await deps.ds.getRepository(ScenarioResult).findOneBy({ roundId: round.id, scenarioId: input.scenarioId });
  if (!scenario) throw notFound('unknown_scenario', `面试 ${input.interviewId} 中没有场景 ${input.scenarioId}`);

  const sha256 = sha256Hex(input.body);
  const data = { interviewId: input.interviewId, scenarioId: input.scenarioId, bytes: input.body.length, sha256, contentType };
  if (scenario.recordingSha256 === sha256) return { status: 'unchanged', data };

  const key = `${round.id}/${scenario.id}-${sha256.slice(0, 16)}.${RECORDING_TYPES[contentType]}`;
  await deps.storage.put(key, input.body);
  const now = deps.clock.now();
  const previousKey = scenario.recordingKey;
  await inTransaction(deps.ds, async (em) => {
    await em.update(ScenarioResult, { id: scenario.id }, {
      recordingKey: key,
      recordingContentType: contentType,
      recordingBytes: input.body.length,
      recordingSha256: sha256,
      recordingUploadedAt: now,
    });
    await writeAudit(em, {
      actorType: 'vendor',
      actorId: null,
      action: previousKey ? 'recording.replaced' : 'recording.stored',
      subjectType: 'scenario',
      subjectId: scenario.id,
      details: { interviewId: input.interviewId, scenarioId: input.scenarioId, bytes: input.body.length, sha256 },
      requestId: input.requestId ?? null,
    }, now);
  });
  if (previousKey && previousKey !== key) await deps.storage.remove(previousKey);
  return { status: previousKey ? 'replaced' : 'created', data };
}
