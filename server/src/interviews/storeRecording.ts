import { randomUUID } from 'node:crypto';
import { RECORDING_TYPES, type RecordingContentType } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { InterviewRound, RecordingVersion, Review, ScenarioResult } from '../platform/db/entities/index.js';
import { inTransaction, isMysql } from '../platform/db/transaction.js';
import { conflict, notFound, unsupportedMediaType } from '../platform/http/errors.js';
import type { StagedBody } from '../platform/http/streamBody.js';
import { matchesAudioType } from '../platform/storage/audioMagic.js';
import { writeAudit } from '../platform/audit.js';
import type { Deps } from '../platform/deps.js';
import { sha256Hex } from '../platform/hash.js';

export interface StoreRecordingInput {
  interviewId: string;
  scenarioId: string;
  contentType: string;
  /** The bytes in memory (seed, tests), or an upload the route already streamed into staged storage. */
  body: Buffer | StagedBody;
  requestId?: string;
}

export interface StoreRecordingOutcome {
  status: 'created' | 'unchanged' | 'replaced';
  data: { interviewId: string; scenarioId: string; bytes: number; sha256: string; contentType: RecordingContentType };
}

type StoreDeps = Pick<Deps, 'ds' | 'storage' | 'clock'>;

function isRecordingType(type: string): type is RecordingContentType {
  return Object.hasOwn(RECORDING_TYPES, type);
}

function staged(deps: StoreDeps, body: Buffer | StagedBody): StagedBody {
  if (!Buffer.isBuffer(body)) return body;
  return { bytes: body.length, sha256: sha256Hex(body), head: body.subarray(0, 64), commit: (key) => deps.storage.put(key, body) };
}

const recordingLocked = () => conflict('recording_locked', '该轮面试已有审核结论，录音作为审核依据不能再替换');

/** A decided review of the round locks its recordings; inside a transaction the review row is locked (MySQL) against a decision racing in. */
async function isLocked(em: EntityManager, roundId: string, forUpdate: boolean): Promise<boolean> {
  const review = await em.findOne(Review, { where: { roundId }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  return review?.status === 'decided';
}

/**
 * Attach a recording to a scenario. Same bytes again → unchanged; different bytes → replaced, the
 * previous recording kept as a version (its stored object is never deleted) and both hashes audited.
 * Once the round's review is decided its recordings are evidence: 409 recording_locked, nothing written.
 * Every upload gets an object key of its own, written before the row points at it; an object no row
 * took (refused, raced) is removed again.
 */
export async function storeRecording(deps: StoreDeps, input: StoreRecordingInput): Promise<StoreRecordingOutcome> {
  if (!isRecordingType(input.contentType)) {
    throw unsupportedMediaType(`不支持的录音格式：${input.contentType}`, { accepted: Object.keys(RECORDING_TYPES) });
  }
  const contentType = input.contentType;
  const body = staged(deps, input.body);
  if (!matchesAudioType(contentType, body.head)) {
    throw unsupportedMediaType(`录音内容与声明的格式 ${contentType} 不符`, { contentType });
  }
  const round = await deps.ds.getRepository(InterviewRound).findOneBy({ interviewId: input.interviewId });
  if (!round) throw notFound('unknown_interview', `面试 ${input.interviewId} 不存在`);
  const scenario = await deps.ds.getRepository(ScenarioResult).findOneBy({ roundId: round.id, scenarioId: input.scenarioId });
  if (!scenario) throw notFound('unknown_scenario', `面试 ${input.interviewId} 中没有场景 ${input.scenarioId}`);
  // Voice recordings are sensitive personal information (PIPL Art. 28–29): only with the candidate's consent.
  if (round.recordingConsent !== 'given') {
    throw conflict('no_recording_consent', '候选人未同意录音（candidate.consent.recording 不为 true），不能保存录音', { recordingConsent: round.recordingConsent });
  }

  const { sha256, bytes } = body;
  const data = { interviewId: input.interviewId, scenarioId: input.scenarioId, bytes, sha256, contentType };
  if (scenario.recordingSha256 === sha256) return { status: 'unchanged', data };
  if (await isLocked(deps.ds.manager, round.id, false)) throw recordingLocked();

  const key = `${round.id}/${scenario.id}/${sha256.slice(0, 16)}-${randomUUID()}.${RECORDING_TYPES[contentType]}`;
  await body.commit(key);
  const now = deps.clock.now();
  const forUpdate = isMysql(deps.ds);
  let status: StoreRecordingOutcome['status'];
  try {
    status = await inTransaction(deps.ds, async (em) => {
      if (await isLocked(em, round.id, forUpdate)) throw recordingLocked();
      const current = await em.findOneOrFail(ScenarioResult, { where: { id: scenario.id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
      if (current.recordingSha256 === sha256) return 'unchanged';
      const previous = current.recordingKey && current.recordingSha256 ? await keepVersion(em, current, sha256, now, input.requestId) : null;
      await em.update(ScenarioResult, { id: scenario.id }, {
        recordingKey: key,
        recordingContentType: contentType,
        recordingBytes: bytes,
        recordingSha256: sha256,
        recordingUploadedAt: now,
      });
      await writeAudit(em, {
        actorType: 'vendor',
        actorId: null,
        action: previous ? 'recording.replaced' : 'recording.stored',
        subjectType: 'scenario',
        subjectId: scenario.id,
        details: {
          interviewId: input.interviewId, scenarioId: input.scenarioId, bytes, sha256,
          ...(previous ? { previousSha256: previous.recordingSha256, previousBytes: previous.recordingBytes, previousVersion: previous.version } : {}),
        },
        requestId: input.requestId ?? null,
      }, now);
      return previous ? 'replaced' : 'created';
    });
  } catch (error) {
    await deps.storage.remove(key);
    throw error;
  }
  if (status === 'unchanged') await deps.storage.remove(key);
  return { status, data };
}

/** The scenario's current recording becomes the next numbered version; its object stays where it is. */
async function keepVersion(em: EntityManager, current: ScenarioResult, replacedBySha256: string, now: Date, requestId: string | undefined): Promise<RecordingVersion> {
  const version = (await em.countBy(RecordingVersion, { scenarioResultId: current.id })) + 1;
  const row: RecordingVersion = {
    id: randomUUID(),
    scenarioResultId: current.id,
    version,
    recordingKey: current.recordingKey!,
    recordingContentType: current.recordingContentType as RecordingContentType,
    recordingBytes: current.recordingBytes ?? 0,
    recordingSha256: current.recordingSha256!,
    recordingUploadedAt: current.recordingUploadedAt,
    replacedAt: now,
    replacedBySha256,
    requestId: requestId ?? null,
  };
  await em.insert(RecordingVersion, row);
  return row;
}
