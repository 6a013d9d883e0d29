import { DIMENSIONS, type EvaluationModelInput } from '@aireview/shared';
import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { beforeEach, expect, it } from 'vitest';
import { DEFAULT_TRUE_WEIGHTS, generateHistory } from '../../../scripts/calibration/generateHistory.js';
import { seedCalibrationHistory } from '../../../scripts/calibration/seedHistory.js';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { PEOPLE, bearer, createDemoPositions, ingestFile, insertUsers } from '../../test/fixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { publishEvaluationModel } from '../personas/index.js';
import { Application, AuditEntry, EvaluationModelVersion, PerformanceRecord, Position } from '../platform/db/entities/index.js';

/** Calibration endpoints: HR and admin read a position's calibration, set its minimum n and apply it. */
const SIX: EvaluationModelInput = {
  weights: { communication: 0.17, adaptability: 0.17, serviceAwareness: 0.17, productKnowledge: 0.17, teamwork: 0.16, problemSolving: 0.16 },
  passScore: 70,
  floors: { serviceAwareness: 55 },
};
const CODE = 'CS-CAL';

describeEachDb('calibration API', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  const as = async (viewer: keyof typeof PEOPLE) => bearer(built.deps, PEOPLE[viewer]);
  const get = async (outcome: string, viewer: keyof typeof PEOPLE = 'hr', code = CODE) =>
    request(built.server).get(`/api/v1/positions/${code}/calibration`).query({ outcome }).set(await as(viewer));
  const apply = async (body: object, viewer: keyof typeof PEOPLE = 'hr', code = CODE) =>
    request(built.server).post(`/api/v1/positions/${code}/calibration/apply`).set(await as(viewer)).send(body);
  const settings = async (body: object, viewer: keyof typeof PEOPLE = 'hr', code = CODE) =>
    request(built.server).put(`/api/v1/positions/${code}/calibration/settings`).set(await as(viewer)).send(body);
  const seed = (rows: ReturnType<typeof generateHistory>, outcome: 'satisfaction' | 'qaScore' = 'satisfaction') =>
    seedCalibrationHistory(db.ds, { positionCode: CODE, rows, outcome, now: new Date() });

  beforeEach(async () => {
    built = buildTestApp(db.ds);
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await createTestPosition(db.ds, { code: CODE, name: '校准客服', model: SIX });
  });

  it('refuses supervisors and staff (403) on every calibration endpoint', async () => {
    for (const viewer of ['supGeneral', 'staff'] as const) {
      expect((await get('satisfaction', viewer)).status).toBe(403);
      expect((await settings({ minimumN: 50 }, viewer)).status).toBe(403);
      const refused = await apply({ outcome: 'satisfaction', expectedVersion: 1 }, viewer);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('forbidden');
    }
    expect((await db.ds.getRepository(Position).findOneByOrFail({ code: CODE })).calibrationMinimumN).toBeNull();
  });

  it('answers 404 for an unknown position and 400 invalid_query for a missing or unknown outcome', async () => {
    expect((await get('satisfaction', 'admin', 'NOPE')).status).toBe(404);
    expect((await settings({ minimumN: 50 }, 'hr', 'NOPE')).status).toBe(404);
    expect((await apply({ outcome: 'satisfaction', expectedVersion: 1 }, 'hr', 'NOPE')).status).toBe(404);
    for (const outcome of ['', 'happiness']) {
      const bad = await get(outcome);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('invalid_query');
    }
  });

  it('refuses a minimumN outside 20..100000 and bad apply bodies (422 invalid_payload)', async () => {
    for (const minimumN of [19, 100_001, 50.5, '50']) expect((await settings({ minimumN })).status).toBe(422);
    expect((await apply({ outcome: 'satisfaction' })).status).toBe(422);
    expect((await apply({ outcome: 'speed', expectedVersion: 1 })).status).toBe(422);
    expect((await apply({ outcome: 'satisfaction', expectedVersion: 1, weights: SIX.weights })).status).toBe(422);
  });

  it('recovers the true weights from 2000 generated hires within ±0.05, and applying publishes them as a new version', async () => {
    await seed(generateHistory({ n: 2000, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS }));
    const res = await get('satisfaction');
    expect(res.status).toBe(200);
    const view = res.body.data;
    expect(view).toMatchObject({ positionCode: CODE, outcome: 'satisfaction', n: 2000, skipped: 0, minimumN: 160, minimumNConfigured: null, sufficient: true, rangeRestricted: true, current: { modelVersion: 1 } });
    expect(view.reasonCode).toBeUndefined();
    expect(view.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual([...DIMENSIONS]);
    const communication = view.dimensions.find((d: { dimension: string }) => d.dimension === 'communication');
    expect(communication.ci95[0]).toBeGreaterThan(0);
    for (const d of DIMENSIONS) expect(Math.abs((view.recommended.weights[d] ?? 0) - DEFAULT_TRUE_WEIGHTS[d]!)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(view.recommended.holdoutValidity).toBeGreaterThan(view.current.holdoutValidity);

    const applied = await apply({ outcome: 'satisfaction', expectedVersion: 1 });
    expect(applied.status).toBe(200);
    expect(applied.body.data.position).toMatchObject({ code: CODE, currentModelVersion: 2, model: { weights: view.recommended.weights, passScore: 70, floors: { serviceAwareness: 55 } } });
    expect(applied.body.data.rescore).toBeNull();
    expect(applied.body.data.applied).toMatchObject({ outcome: 'satisfaction', n: 2000, fromVersion: 1, version: 2, recommendedHoldoutValidity: view.recommended.holdoutValidity });
    const version = await db.ds.getRepository(EvaluationModelVersion).findOneByOrFail({ version: 2 });
    expect(version.note).toMatch(/^按满意度校准（n = 2000，留出效度 0\.\d\d → 0\.\d\d）$/);
    const audit = await db.ds.getRepository(AuditEntry).findBy({ action: 'calibration.applied' });
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: 'hr01',
        details: expect.objectContaining({ outcome: 'satisfaction', n: 2000, currentHoldoutValidity: view.current.holdoutValidity, recommendedHoldoutValidity: view.recommended.holdoutValidity, version: 2 }),
      }),
    ]);
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'persona.published' })).toBe(1);
  });

  it('counts hires only, averaging each hire’s periods, with the scores of its application', async () => {
    const rows = generateHistory({ n: 30, seed: 3, trueWeights: DEFAULT_TRUE_WEIGHTS });
    const { applicationIds } = await seed(rows, 'qaScore');
    // An application still in review with performance figures is not a hire.
    const file = await ingestFile(db.ds, { positionCode: CODE, dimensionScores: { communication: 80, adaptability: 80, serviceAwareness: 80, productKnowledge: 80, teamwork: 80, problemSolving: 80 } });
    const now = new Date();
    await db.ds.getRepository(PerformanceRecord).insert({ id: randomUUID(), applicationId: file.applicationId, period: '2026-01', satisfaction: null, resolutionRate: null, qaScore: 99, source: 'api', createdAt: now, updatedAt: now });
    // One hire left: still a hire.
    await db.ds.getRepository(Application).update({ id: applicationIds[0]! }, { stage: 'left', lastWorkDay: '2026-01-31', leftReason: 'voluntary' });

    const res = await get('qaScore');
    expect(res.body.data).toMatchObject({ n: 30, sufficient: false, reasonCode: 'insufficient_n', recommended: null });
    expect((await get('satisfaction')).body.data).toMatchObject({ n: 0, rangeRestricted: false });

    // After it is hired, the ingested application counts with the dimension scores of its round.
    await db.ds.getRepository(Application).update({ id: file.applicationId }, { stage: 'hired', hiredAt: now });
    expect((await get('qaScore')).body.data.n).toBe(31);
  });

  it('says why with too few hires (sufficient false) and refuses to apply (409 no_recommendation)', async () => {
    await seed(generateHistory({ n: 100, seed: 5, trueWeights: DEFAULT_TRUE_WEIGHTS }));
    const res = await get('satisfaction', 'admin');
    expect(res.body.data).toMatchObject({ n: 100, minimumN: 160, sufficient: false, reasonCode: 'insufficient_n', reason: '目前只有 100 名有绩效数据的录用者，至少需要 160 名才能给出建议', recommended: null });
    const refused = await apply({ outcome: 'satisfaction', expectedVersion: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'no_recommendation', details: { reasonCode: 'insufficient_n', n: 100, minimumN: 160 } });
    expect((await db.ds.getRepository(Position).findOneByOrFail({ code: CODE })).currentModelVersion).toBe(1);
  });

  it('uses the position’s own minimumN once HR sets it (audited)', async () => {
    await seed(generateHistory({ n: 100, seed: 5, trueWeights: DEFAULT_TRUE_WEIGHTS }));
    const set = await settings({ minimumN: 80 });
    expect(set.status).toBe(200);
    expect(set.body.data).toEqual({ positionCode: CODE, minimumN: 80 });
    expect((await get('satisfaction')).body.data).toMatchObject({ minimumN: 80, minimumNConfigured: 80, sufficient: true });
    const audit = await db.ds.getRepository(AuditEntry).findBy({ action: 'calibration.settings_updated' });
    expect(audit).toEqual([expect.objectContaining({ actorId: 'hr01', details: { minimumN: 80, previousMinimumN: null } })]);
  });

  it('recommends nothing for an outcome of pure noise', async () => {
    await seed(generateHistory({ n: 600, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS, noiseShare: 1 }));
    const res = await get('satisfaction');
    expect(res.body.data).toMatchObject({ n: 600, sufficient: true, reasonCode: 'no_signal', recommended: null });
    expect((await apply({ outcome: 'satisfaction', expectedVersion: 1 })).body.error.code).toBe('no_recommendation');
  });

  it('answers 409 concurrent_update when the persona changed since the recommendation was read', async () => {
    await seed(generateHistory({ n: 400, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS }));
    const publish = await request(built.server).put(`/api/v1/positions/${CODE}/model`).set(await as('admin')).send({ model: SIX, expectedVersion: 1 });
    expect(publish.status).toBe(200);
    const stale = await apply({ outcome: 'satisfaction', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'concurrent_update', details: { expectedVersion: 1, currentVersion: 2 } });
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'calibration.applied' })).toBe(0);
    const fresh = await apply({ outcome: 'satisfaction', expectedVersion: 2, rescore: true, note: '按满意度校准' });
    expect(fresh.status).toBe(200);
    expect(fresh.body.data.rescore).toMatchObject({ modelVersion: 3, roundsRescored: 400 });
    expect((await db.ds.getRepository(EvaluationModelVersion).findOneByOrFail({ version: 3 })).note).toBe('按满意度校准');
  });

  it('the publish apply goes through re-checks expectedVersion inside its transaction (no window between check and publish)', async () => {
    const position = await db.ds.getRepository(Position).findOneByOrFail({ code: CODE });
    await publishEvaluationModel(built.deps, { positionId: position.id, model: SIX, expectedVersion: 1 });
    const stale = publishEvaluationModel(built.deps, { positionId: position.id, model: SIX, expectedVersion: 1 });
    await expect(stale).rejects.toMatchObject({ status: 409, code: 'concurrent_update', details: { expectedVersion: 1, currentVersion: 2 } });
    expect(await db.ds.getRepository(EvaluationModelVersion).countBy({ positionId: position.id })).toBe(2);
  });

  it('is in the OpenAPI document with its error codes', async () => {
    const paths = (await request(built.server).get('/api/v1/openapi.json')).body.paths;
    expect(paths['/api/v1/positions/{code}/calibration'].get.parameters[1].schema.enum).toEqual(['satisfaction', 'resolutionRate', 'qaScore', 'retained90d']);
    expect(paths['/api/v1/positions/{code}/calibration/apply'].post.responses[409].description).toContain('no_recommendation');
    expect(paths['/api/v1/positions/{code}/calibration/settings'].put).toBeDefined();
  });

  it('calibrates against 90-day retention as hiring defines it: 1 past day 90, 0 for leaving before it, nothing while too early', async () => {
    const rows = generateHistory({ n: 40, seed: 9, trueWeights: DEFAULT_TRUE_WEIGHTS });
    const { applicationIds } = await seed(rows);
    const repo = db.ds.getRepository(Application);
    // Seeded hires started 180 days ago: retained unless they left before day 90.
    await repo.update({ id: applicationIds[0]! }, { stage: 'left', lastWorkDay: shiftDate(repoDate(await repo.findOneByOrFail({ id: applicationIds[0]! })), 30) });
    await repo.update({ id: applicationIds[1]! }, { stage: 'left', lastWorkDay: shiftDate(repoDate(await repo.findOneByOrFail({ id: applicationIds[1]! })), 120) });
    // Hired 10 days ago: not known yet.
    await repo.update({ id: applicationIds[2]! }, { onboardingDate: shiftDate(new Date().toISOString().slice(0, 10), -10) });
    const res = await get('retained90d');
    expect(res.body.data).toMatchObject({ outcome: 'retained90d', n: 39 });
  });
});

function repoDate(application: Application): string {
  return application.onboardingDate!;
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
