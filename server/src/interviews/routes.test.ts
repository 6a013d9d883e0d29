import request from 'supertest';
import { expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.js';
import { Application, Candidate, InterviewRound, OutboxMessage, ScenarioResult, StageChange } from '../platform/db/entities/index.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { createTestPosition, samplePayload } from '../../test/factories.js';
import { PEOPLE, bearer, insertUsers } from '../../test/fixtures.js';
import { buildTestApp, signedHeaders } from '../../test/testApp.js';

const PATH = '/api/v1/interview-results';

/** Headers signing a POST of `body` to PATH. */
const sign = (body: string, options: { secret?: string; timestamp?: number } = {}) => signedHeaders({ method: 'POST', path: PATH, body, ...options });

describeEachDb('POST /api/v1/interview-results', (db) => {
  const post = (server: ReturnType<typeof buildTestApp>['server'], body: string, headers: Record<string, string> = sign(body)) =>
    request(server).post(PATH).set('Content-Type', 'application/json').set(headers).send(body);

  /** Every rejected request must leave every table exactly as it was. */
  async function expectRejected(res: request.Response, status: number, code: string, before: Record<string, number>) {
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(typeof res.body.error.message).toBe('string');
    expect(await countRows(db.ds)).toEqual(before);
  }

  it('creates the complete candidate file and answers 201 with the scores', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const payload = samplePayload({ dimensionScores: { teamwork: 90 } });
    const res = await post(server, JSON.stringify(payload));

    expect(res.status).toBe(201);
    // communication (82+70)/2=76, serviceAwareness 81, adaptability 72, problemSolving 76 → 0.3*76+0.3*81+0.2*72+0.2*76 = 76.7
    expect(res.body.data).toMatchObject({ interviewId: payload.interviewId, round: 1, overallScore: 76.7, recommendation: 'recommended', modelVersion: 1, stage: 'in_review' });

    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: res.body.data.applicationId });
    expect(application.stage).toBe('in_review');
    expect(application.batch).toBe('2026-11-20');
    const scenarios = await db.ds.getRepository(ScenarioResult).find({ order: { ordinal: 'ASC' } });
    expect(scenarios.map((s) => [s.scenarioId, s.responseLatencyMs, s.durationMs])).toEqual([['lost_parcel', 6500, 75000], ['angry_escalation', 34000, 90000]]);
    expect(scenarios[0]?.transcript).toContain('订单号');
    const round = await db.ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: payload.interviewId });
    expect(round.latencySummary.withinThresholdShare).toBe(0.5);
    expect(round.dimensionScores.teamwork).toBe(90);
    const history = await db.ds.getRepository(StageChange).find({ where: { applicationId: application.id }, order: { createdAt: 'ASC' } });
    expect(history.map((h) => `${h.fromStage}→${h.toStage}`).sort()).toEqual(['ai_interviewed→in_review', 'null→ai_interviewed']);
    const counts = await countRows(db.ds);
    expect(counts).toMatchObject({ candidates: 1, applications: 1, interview_rounds: 1, scenario_results: 2, dimension_scores: 5, score_records: 1, reports: 1, outbox: 1, audit_log: 1 });
    const outbox = await db.ds.getRepository(OutboxMessage).findOneByOrFail({ kind: 'review.requested' });
    expect(outbox.payload).toEqual({ applicationId: application.id, roundId: round.id });
  });

  it('puts the round in the vendor\'s batch when it names one, and a list filter finds it; an unusable batchId writes nothing', async () => {
    await createTestPosition(db.ds);
    const { server, deps } = buildTestApp(db.ds);
    const batchId = '2026双十一-第3批-1120A-夜班客服-邀约批次-'.padEnd(64, 'x');
    const res = await post(server, JSON.stringify(samplePayload({ batchId })));
    expect(res.status).toBe(201);
    expect((await db.ds.getRepository(Application).findOneByOrFail({ id: res.body.data.applicationId })).batch).toBe(batchId);
    const dated = await post(server, JSON.stringify(samplePayload({ interviewId: 'itv-dated', candidate: { externalId: 'c-dated', name: '王芳' } })));
    expect((await db.ds.getRepository(Application).findOneByOrFail({ id: dated.body.data.applicationId })).batch).toBe('2026-11-20');

    await insertUsers(db.ds, [PEOPLE.hr]);
    const hr = await bearer(deps, PEOPLE.hr);
    const listed = await request(server).get(`/api/v1/applications?batch=${encodeURIComponent(batchId)}`).set(hr);
    expect(listed.body.data.items.map((i: { batch: string }) => i.batch)).toEqual([batchId]);

    const before = await countRows(db.ds);
    for (const bad of [`${batchId}y`, '1120 A', '']) {
      const refused = await post(server, JSON.stringify(samplePayload({ interviewId: 'itv-bad-batch', batchId: bad })));
      await expectRejected(refused, 422, 'invalid_payload', before);
      expect(refused.body.error.details.map((d: { path: string }) => d.path)).toContain('batchId');
    }
  });

  it('stores gender and birth year only with consent, refuses them without it (422, nothing written), and never shows them on the file', async () => {
    await createTestPosition(db.ds);
    const { server, deps } = buildTestApp(db.ds);
    const before = await countRows(db.ds);
    for (const candidate of [
      { externalId: 'c-demo', name: '王芳', gender: 'female' },
      { externalId: 'c-demo', name: '王芳', birthYear: 1999, consent: { demographics: false } },
    ]) {
      const refused = await post(server, JSON.stringify(samplePayload({ interviewId: 'itv-demo', candidate: candidate as never })));
      await expectRejected(refused, 422, 'invalid_payload', before);
      expect(refused.body.error.details.map((d: { path: string }) => d.path)).toContain('candidate.consent.demographics');
    }
    const consented = await post(server, JSON.stringify(samplePayload({ interviewId: 'itv-demo', candidate: { externalId: 'c-demo', name: '王芳', gender: 'female', birthYear: 1999, consent: { demographics: true } } })));
    expect(consented.status).toBe(201);
    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: consented.body.data.applicationId });
    expect(await db.ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId })).toMatchObject({ gender: 'female', birthYear: 1999 });

    await insertUsers(db.ds, [PEOPLE.hr]);
    const file = await request(server).get(`/api/v1/applications/${application.id}`).set(await bearer(deps, PEOPLE.hr));
    expect(file.status).toBe(200);
    expect(JSON.stringify(file.body)).not.toMatch(/female|1999|gender|birthYear/);
  });

  it('replays the same interview with 200 and the same data, writing nothing', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const payload = samplePayload();
    const first = await post(server, JSON.stringify(payload));
    const before = await countRows(db.ds);
    // Same content, different key order and whitespace.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(payload).reverse()), null, 2);
    const second = await post(server, reordered);
    expect(second.status).toBe(200);
    expect(second.body.data).toEqual(first.body.data);
    expect(await countRows(db.ds)).toEqual(before);
  });

  it('refuses the same interviewId with different content (409 interview_conflict)', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const payload = samplePayload();
    await post(server, JSON.stringify(payload));
    const before = await countRows(db.ds);
    const changed = { ...payload, report: { summary: '被改过的报告' } };
    await expectRejected(await post(server, JSON.stringify(changed)), 409, 'interview_conflict', before);
  });

  it('deduplicates candidates by external id, then by phone', async () => {
    await createTestPosition(db.ds);
    await createTestPosition(db.ds, { code: 'CS-FRESH', name: '生鲜客服', departmentId: 102 });
    const { server } = buildTestApp(db.ds);
    const first = samplePayload();
    await post(server, JSON.stringify(first));
    const sameExternal = samplePayload({ positionCode: 'CS-FRESH', candidate: { ...first.candidate, phone: '13700000000' } });
    const a = await post(server, JSON.stringify(sameExternal));
    const samePhone = samplePayload({ positionCode: 'CS-FRESH', candidate: { externalId: 'other-vendor-id', name: '刘晓燕', phone: '+86 137-0000-0000' } });
    // Same person (phone) and same position as `sameExternal` → a new round is not allowed while in review.
    const b = await post(server, JSON.stringify(samePhone));
    expect(a.status).toBe(201);
    expect(b.status).toBe(409);
    expect(b.body.error.code).toBe('illegal_transition');
    const candidates = await db.ds.getRepository(Candidate).find();
    expect(candidates).toHaveLength(1);
    expect(candidates[0]?.phone).toBe('13700000000');
    expect(await db.ds.getRepository(Application).count()).toBe(2);
  });

  it('refuses an unknown position (422 unknown_position) without writing', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const before = await countRows(db.ds);
    await expectRejected(await post(server, JSON.stringify(samplePayload({ positionCode: 'NOPE' }))), 422, 'unknown_position', before);
  });

  it('refuses a payload without a weighted dimension (422 missing_dimension) and names it', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const payload = samplePayload();
    for (const s of payload.scenarios) delete s.scores.problemSolving;
    const before = await countRows(db.ds);
    const res = await post(server, JSON.stringify(payload));
    await expectRejected(res, 422, 'missing_dimension', before);
    expect(res.body.error.details.missing).toEqual(['problemSolving']);
  });

  it('refuses invalid payloads (422 invalid_payload) with field paths', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const payload = samplePayload() as unknown as { scenarios: { scores: Record<string, number>; responseLatencySec: number }[] };
    payload.scenarios[0]!.scores.communication = 140;
    payload.scenarios[1]!.responseLatencySec = -1;
    const before = await countRows(db.ds);
    const res = await post(server, JSON.stringify(payload));
    await expectRejected(res, 422, 'invalid_payload', before);
    const paths = (res.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['scenarios.0.scores.communication', 'scenarios.1.responseLatencySec']));
  });

  it('refuses malformed JSON (400 malformed_json)', async () => {
    const { server } = buildTestApp(db.ds);
    const before = await countRows(db.ds);
    await expectRejected(await post(server, '{"interviewId": "x",'), 400, 'malformed_json', before);
  });

  it('refuses other content types (415 unsupported_media_type)', async () => {
    const { server } = buildTestApp(db.ds);
    const body = JSON.stringify(samplePayload());
    const before = await countRows(db.ds);
    const res = await request(server).post(PATH).set('Content-Type', 'text/plain').set(sign(body)).send(body);
    await expectRejected(res, 415, 'unsupported_media_type', before);
  });

  it('refuses bodies over 1 MiB (413 payload_too_large)', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const payload = samplePayload();
    payload.scenarios[0]!.transcript = '很'.repeat(400_000); // ~1.2 MB of UTF-8
    const body = JSON.stringify(payload);
    const before = await countRows(db.ds);
    await expectRejected(await post(server, body), 413, 'payload_too_large', before);
  });

  it.each([
    ['a wrong secret', (body: string) => sign(body, { secret: 'another-secret-entirely' })],
    ['a tampered body', (body: string) => sign(body.replace('刘晓燕', '刘晓雁'))],
    ['a missing signature', (body: string) => ({ 'X-Interview-Timestamp': sign(body)['X-Interview-Timestamp'] })],
    ['a signature for another timestamp', (body: string) => ({ ...sign(body, { timestamp: Math.floor(Date.now() / 1000) - 10 }), 'X-Interview-Timestamp': String(Math.floor(Date.now() / 1000)) })],
  ])('refuses %s (401 bad_signature)', async (_name, headersFor) => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const body = JSON.stringify(samplePayload());
    const before = await countRows(db.ds);
    await expectRejected(await post(server, body, headersFor(body) as Record<string, string>), 401, 'bad_signature', before);
  });

  it.each([
    ['301 s in the past', -301],
    ['301 s in the future', 301],
  ])('refuses a timestamp %s (401 stale_timestamp)', async (_name, skew) => {
    await createTestPosition(db.ds);
    // The server's clock pinned to a whole second, so the skew is exact.
    const nowSec = Math.floor(Date.now() / 1000);
    const { server } = buildTestApp(db.ds, { clock: fixedClock(nowSec * 1000 + 500) });
    const body = JSON.stringify(samplePayload());
    const before = await countRows(db.ds);
    await expectRejected(await post(server, body, sign(body, { timestamp: nowSec + skew })), 401, 'stale_timestamp', before);
  });

  it('accepts a timestamp 299 s away', async () => {
    await createTestPosition(db.ds);
    const nowSec = Math.floor(Date.now() / 1000);
    const { server } = buildTestApp(db.ds, { clock: fixedClock(nowSec * 1000 + 500) });
    const body = JSON.stringify(samplePayload());
    const res = await post(server, body, sign(body, { timestamp: nowSec - 299 }));
    expect(res.status).toBe(201);
  });

  it('refuses a missing timestamp with 401 bad_signature naming the header', async () => {
    const { server } = buildTestApp(db.ds);
    const body = JSON.stringify(samplePayload());
    const before = await countRows(db.ds);
    const { 'X-Interview-Signature': sig } = sign(body);
    const res = await post(server, body, { 'X-Interview-Signature': sig });
    await expectRejected(res, 401, 'bad_signature', before);
    expect(res.body.error.message).toContain('X-Interview-Timestamp');
  });

  it.each([
    ['not Unix seconds', '2026-11-20T10:00:00Z'],
    ['negative', '-1764000000'],
  ])('refuses a timestamp that is %s (401 stale_timestamp)', async (_name, timestamp) => {
    const { server } = buildTestApp(db.ds);
    const body = JSON.stringify(samplePayload());
    const before = await countRows(db.ds);
    await expectRejected(await post(server, body, { ...sign(body), 'X-Interview-Timestamp': timestamp }), 401, 'stale_timestamp', before);
  });

  it('handles two identical pushes racing: one 201, one 200, one file', async () => {
    await createTestPosition(db.ds);
    const { server } = buildTestApp(db.ds);
    const body = JSON.stringify(samplePayload());
    const [a, b] = await Promise.all([post(server, body), post(server, body)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(await db.ds.getRepository(InterviewRound).count()).toBe(1);
  });
});
