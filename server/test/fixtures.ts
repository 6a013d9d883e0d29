import { randomUUID } from 'node:crypto';
import type { Role, SessionUser } from '@aireview/shared';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { ingestInterviewResult, storeRecording } from '../src/interviews/index.js';
import { fixedClock } from '../src/platform/clock.js';
import type { Deps } from '../src/platform/deps.js';
import type { FakeDingTalk } from '../src/platform/dingtalk/fakeDingTalk.js';
import { openSession } from '../src/auth/sessions.js';
import { InterviewRound, Review, ScenarioResult, User } from '../src/platform/db/entities/index.js';
import { synthesizeSpeechLikeWav } from '../src/seed/synthAudio.js';
import type { RecordingStorage } from '../src/platform/storage/storage.js';
import { createTestPosition, samplePayload } from './factories.js';
import { buildTestDeps } from './testApp.js';

/** The demo organisation's people (scripts/demo/org.json) plus a supervisor known only by department. */
export const PEOPLE = {
  admin: { userId: 'admin01', name: '王磊', role: 'admin', departmentIds: [1] },
  hr: { userId: 'hr01', name: '李静', role: 'hr', departmentIds: [200] },
  supGeneral: { userId: 'sup_general', name: '张伟', role: 'supervisor', departmentIds: [101] },
  supFresh: { userId: 'sup_fresh', name: '陈芳', role: 'supervisor', departmentIds: [102] },
  supDept101: { userId: 'sup_dept101', name: '周强', role: 'supervisor', departmentIds: [101] },
  staff: { userId: 'staff01', name: '赵敏', role: 'staff', departmentIds: [101] },
} as const satisfies Record<string, SessionUser>;

export async function insertUsers(ds: DataSource, people: readonly SessionUser[] = Object.values(PEOPLE)): Promise<void> {
  const now = new Date();
  await ds.getRepository(User).insert(
    people.map((p) => ({
      id: randomUUID(),
      dingtalkUserId: p.userId,
      unionId: `union-${p.userId}`,
      name: p.name,
      title: null,
      departmentIds: [...p.departmentIds],
      role: p.role as Role,
      createdAt: now,
      updatedAt: now,
    })),
  );
}

/** A session as login would open it (role and departments as given, resolved again after a minute). */
export async function tokenFor(deps: Pick<Deps, 'ds' | 'clock'>, user: SessionUser, ttlMs = 3_600_000): Promise<string> {
  return (await openSession(deps.ds.manager, user, deps.clock.now(), ttlMs)).token;
}

export const bearer = async (deps: Pick<Deps, 'ds' | 'clock'>, user: SessionUser) => ({ Authorization: `Bearer ${await tokenFor(deps, user)}` });

export async function createDemoPositions(ds: DataSource): Promise<void> {
  await createTestPosition(ds);
  await createTestPosition(ds, { code: 'CS-FRESH', name: '生鲜客服', departmentId: 102, supervisorUserIds: ['sup_fresh'] });
}

export interface IngestedFile {
  applicationId: string;
  interviewId: string;
  roundId: string;
  /** scenarioId → scenario_results.id */
  scenarioResultIds: Record<string, string>;
}

/** Ingest one interview through the real command (createDemoPositions first). */
export async function ingestFile(ds: DataSource, overrides: Parameters<typeof samplePayload>[0] = {}, now?: Date): Promise<IngestedFile> {
  const payload = samplePayload(overrides);
  const outcome = await ingestInterviewResult(buildTestDeps(ds, now ? { clock: fixedClock(now) } : {}), payload);
  const round = await ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: payload.interviewId });
  const scenarios = await ds.getRepository(ScenarioResult).findBy({ roundId: round.id });
  return {
    applicationId: outcome.data.applicationId,
    interviewId: payload.interviewId,
    roundId: round.id,
    scenarioResultIds: Object.fromEntries(scenarios.map((s) => [s.scenarioId, s.id])),
  };
}

/** Attach a synthesised WAV recording to a scenario; returns its bytes. */
export async function attachRecording(ds: DataSource, storage: RecordingStorage, file: IngestedFile, scenarioId: string, seconds = 1): Promise<Buffer> {
  const body = synthesizeSpeechLikeWav({ seconds, seed: 7 });
  await storeRecording(buildTestDeps(ds, { storage }), { interviewId: file.interviewId, scenarioId, contentType: 'audio/wav', body });
  return body;
}

/** A running DingTalk approval for the file's round, as the review workflow would record it. */
export async function insertPendingReview(ds: DataSource, file: IngestedFile, approverUserIds: string[], startedAt = new Date()): Promise<string> {
  const id = randomUUID();
  await ds.getRepository(Review).insert({
    id,
    applicationId: file.applicationId,
    roundId: file.roundId,
    round: 1,
    status: 'pending',
    approvalInstanceId: `inst-${id}`,
    approverUserIds,
    originatorUserId: 'hr01',
    aiRecommendation: 'recommended',
    startAttempts: 1,
    startAttemptedAt: startedAt,
    startedAt,
    createdAt: startedAt,
    updatedAt: startedAt,
  });
  return id;
}

/** Collect the response body as bytes, whatever its content type. */
export function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
  stream.on('error', (error: Error) => callback(error, Buffer.alloc(0)));
}

/**
 * The DingTalk side of a review inserted with insertPendingReview (instance `inst-<reviewId>`): an open
 * approval in the fake with one open task per approver, numbered from `firstTaskId`.
 */
export function seedFakeApproval(fake: FakeDingTalk, reviewId: string, approverUserIds: string[], firstTaskId = 8001): string {
  const instanceId = `inst-${reviewId}`;
  fake.approvals.set(instanceId, {
    instanceId,
    state: 'open',
    tasks: approverUserIds.map((userId, i) => ({ taskId: String(firstTaskId + i), userId, state: 'open' as const, result: null })),
    formValues: [],
    decisions: [],
    originatorUserId: 'hr01',
    deptId: 101,
    approverUserIds,
    remarks: [],
    createdAt: new Date(),
  });
  return instanceId;
}
