import request from 'supertest';
import { expect, it } from 'vitest';
import { Application, Candidate, InterviewRound, StageChange } from '../platform/db/entities/index.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { createTestPosition, samplePayload } from '../../test/factories.js';
import { historyRecord, TEST_IMPORT_SECRET } from '../../test/importFixtures.js';
import { buildTestApp, signedHeaders, TEST_INGEST_SECRET } from '../../test/testApp.js';

const PATH = '/api/v1/imports/interview-history';

describeEachDb('POST /api/v1/imports/interview-history', (db) => {
  const app = () => buildTestApp(db.ds, {}, { IMPORT_SECRET: TEST_IMPORT_SECRET });
  const post = (server: ReturnType<typeof app>['server'], body: string, headers: Record<string, string> = signedHeaders({ method: 'POST', path: PATH, body, secret: TEST_IMPORT_SECRET })) =>
    request(server).post(PATH).set('Content-Type', 'application/json').set(headers).send(body);
  const importRecords = (server: ReturnType<typeof app>['server'], records: unknown[]) => post(server, JSON.stringify({ records }));

  it('writes a hire that left with its path and times, marked imported, with no outbox row', async () => {
    await createTestPosition(db.ds);
    const { server, deps } = app();
    const record = historyRecord({ stage: 'hired', hiredAt: '2025-03-17T09:00:00+08:00', employeeId: 'E1001', leftAt: '2025-08-29T18:00:00+08:00' });
    const res = await importRecords(server, [record]);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ accepted: 1, replayed: 0, rejected: [] });

    const application = await db.ds.getRepository(Application).findOneByOrFail({});
    expect(application).toMatchObject({ stage: 'left', imported: true, employeeId: 'E1001', onboardingDate: '2025-03-17', lastWorkDay: '2025-08-29' });
    expect(application.hiredAt?.toISOString()).toBe('2025-03-17T01:00:00.000Z');
    expect(application.outcomeAt?.toISOString()).toBe('2025-03-06T07:00:00.000Z');
    expect((await db.ds.getRepository(InterviewRound).findOneByOrFail({})).imported).toBe(true);
    const history = await db.ds.getRepository(StageChange).find({ where: { applicationId: application.id } });
    // Follow the chain from the arrival (several steps share a time).
    const path: [string, string][] = [];
    for (let from: string | null = null, step = history.find((h) => h.fromStage === null); step; from = step.toStage, step = history.find((h) => h.fromStage === from)) {
      path.push([step.toStage, step.createdAt.toISOString()]);
    }
    expect(path).toHaveLength(history.length);
    expect(path).toEqual([
      ['ai_interviewed', '2025-03-03T02:25:00.000Z'],
      ['in_review', '2025-03-03T02:25:00.000Z'],
      ['second_interview', '2025-03-06T07:00:00.000Z'],
      ['hired', '2025-03-06T07:00:00.000Z'],
      ['left', '2025-08-29T10:00:00.000Z'],
    ]);
    expect(await countRows(db.ds)).toMatchObject({ outbox: 0, reviews: 0 });
    expect(deps.wakes()).toBe(0);
  });

  it('ends rejected, withdrawn and second_interview records in their stage', async () => {
    await createTestPosition(db.ds);
    const { server } = app();
    const records = [historyRecord({ stage: 'rejected' }), historyRecord({ stage: 'withdrawn' }), historyRecord({ stage: 'second_interview' })];
    expect((await importRecords(server, records)).body.data.accepted).toBe(3);
    const stages = await Promise.all(records.map(async (r) => {
      const round = await db.ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: r.interview.interviewId });
      return (await db.ds.getRepository(Application).findOneByOrFail({ id: round.applicationId })).stage;
    }));
    expect(stages).toEqual(['rejected', 'withdrawn', 'second_interview']);
    expect(await countRows(db.ds)).toMatchObject({ outbox: 0 });
  });

  it('isolates records: the good ones are written, nothing of the bad ones, each rejection reported', async () => {
    await createTestPosition(db.ds);
    const { server } = app();
    const good = [historyRecord(), historyRecord({ stage: 'rejected' })];
    const unknownPosition = historyRecord({}, { positionCode: 'CS-NOPE' });
    const noProblemSolving = historyRecord({}, { scenarios: samplePayload().scenarios.map((s) => ({ ...s, scores: { communication: 80, serviceAwareness: 80, adaptability: 80 } })) });
    const invalid = { interview: { interviewId: 'itv-broken' }, outcome: { stage: 'hired' } };
    const leftBeforeHired = historyRecord({ stage: 'hired', hiredAt: '2025-04-01T09:00:00+08:00', leftAt: '2025-03-20T09:00:00+08:00' });
    const res = await importRecords(server, [good[0], unknownPosition, noProblemSolving, invalid, good[1], leftBeforeHired]);
    expect(res.status).toBe(200);
    expect(res.body.data.accepted).toBe(2);
    expect(res.body.data.rejected.map((r: { index: number; code: string; interviewId?: string }) => [r.index, r.code, r.interviewId])).toEqual([
      [1, 'unknown_position', unknownPosition.interview.interviewId],
      [2, 'missing_dimension', noProblemSolving.interview.interviewId],
      [3, 'invalid_record', 'itv-broken'],
      [5, 'invalid_record', leftBeforeHired.interview.interviewId],
    ]);
    expect(res.body.data.rejected[2].details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'interview.positionCode' })]));
    expect(await countRows(db.ds)).toMatchObject({ candidates: 2, applications: 2, interview_rounds: 2, score_records: 2, outbox: 0 });
    const externalIds = (await db.ds.getRepository(Candidate).find()).map((c) => c.externalId).sort();
    expect(externalIds).toEqual(good.map((r) => r.interview.candidate.externalId).sort());
  });

  it('is idempotent: the same records again are replayed and write nothing; a changed record conflicts', async () => {
    await createTestPosition(db.ds);
    const { server } = app();
    const records = [historyRecord(), historyRecord({ stage: 'withdrawn' })];
    await importRecords(server, records);
    const before = await countRows(db.ds);
    const again = await importRecords(server, records);
    expect(again.body.data).toEqual({ accepted: 0, replayed: 2, rejected: [] });
    expect(await countRows(db.ds)).toEqual(before);

    const changed = { ...records[0]!, outcome: { ...records[0]!.outcome, stage: 'rejected' } };
    const conflict = await importRecords(server, [changed]);
    expect(conflict.body.data.rejected).toEqual([expect.objectContaining({ index: 0, code: 'interview_conflict', interviewId: records[0]!.interview.interviewId })]);
    expect(await countRows(db.ds)).toEqual(before);
  });

  it('refuses an interview that was ingested live (interview_conflict) and a second application of the candidate (illegal_transition)', async () => {
    await createTestPosition(db.ds);
    const { server } = app();
    const live = samplePayload();
    const body = JSON.stringify(live);
    const ingest = await request(server).post('/api/v1/interview-results').set('Content-Type', 'application/json').set(signedHeaders({ method: 'POST', path: '/api/v1/interview-results', body })).send(body);
    expect(ingest.status).toBe(201);
    const before = await countRows(db.ds);
    const sameInterview = historyRecord({ decidedAt: '2026-11-25T10:00:00+08:00' }, { ...live });
    const sameCandidate = historyRecord({}, { candidate: live.candidate });
    const res = await importRecords(server, [sameInterview, sameCandidate]);
    expect(res.body.data.rejected.map((r: { code: string }) => r.code)).toEqual(['interview_conflict', 'illegal_transition']);
    expect(await countRows(db.ds)).toEqual(before);
  });

  it('refuses whole requests: signature, media type, malformed JSON, records missing or over 500, over 10 MiB', async () => {
    await createTestPosition(db.ds);
    const { server } = app();
    const before = await countRows(db.ds);
    const body = JSON.stringify({ records: [historyRecord()] });
    const ingestSigned = signedHeaders({ method: 'POST', path: PATH, body, secret: TEST_INGEST_SECRET });
    expect((await post(server, body, ingestSigned)).body.error.code).toBe('bad_signature');
    expect((await post(server, body, {})).status).toBe(401);
    const text = await request(server).post(PATH).set('Content-Type', 'text/plain').set(signedHeaders({ method: 'POST', path: PATH, body, secret: TEST_IMPORT_SECRET })).send(body);
    expect([text.status, text.body.error.code]).toEqual([415, 'unsupported_media_type']);
    const malformed = await post(server, '{"records": [');
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'malformed_json']);
    const missing = await post(server, '{}');
    expect([missing.status, missing.body.error.code]).toEqual([422, 'invalid_payload']);
    const tooMany = await post(server, JSON.stringify({ records: Array.from({ length: 501 }, () => ({})) }));
    expect([tooMany.status, tooMany.body.error.code]).toEqual([422, 'invalid_payload']);
    const huge = JSON.stringify({ records: [{ pad: 'x'.repeat(10 * 1024 * 1024) }] });
    const large = await post(server, huge);
    expect([large.status, large.body.error.code]).toEqual([413, 'payload_too_large']);
    expect(await countRows(db.ds)).toEqual(before);
  });
});
