import type { EvaluationModelInput } from '@aireview/shared';
import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { Application, AuditEntry, EvaluationModelVersion, Position } from '../platform/db/entities/index.js';
import { describeEachDb } from '../../test/db.js';
import { GENERAL_MODEL } from '../../test/factories.js';
import { buildTestApp } from '../../test/testApp.js';
import { PEOPLE, bearer, createDemoPositions, ingestFile, insertUsers } from '../../test/fixtures.js';

/** Personas (画像): read by everyone signed in, published by HR and admin as new versions. */
const STRICTER: EvaluationModelInput = { ...GENERAL_MODEL, passScore: 95 };

describeEachDb('app API personas', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  const put = async (body: unknown, viewer: keyof typeof PEOPLE = 'hr', code = 'CS-GENERAL') =>
    request(built.server).put(`/api/v1/positions/${code}/model`).set(await bearer(built.deps, PEOPLE[viewer])).send(body as object);
  const get = async (path: string, viewer: keyof typeof PEOPLE = 'staff') => request(built.server).get(path).set(await bearer(built.deps, PEOPLE[viewer]));

  beforeEach(async () => {
    built = buildTestApp(db.ds);
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
  });

  it('lists positions with their current persona, for staff too', async () => {
    const res = await get('/api/v1/positions');
    expect(res.status).toBe(200);
    expect(res.body.data.map((p: { code: string }) => p.code)).toEqual(['CS-FRESH', 'CS-GENERAL']);
    expect(res.body.data[1]).toMatchObject({ name: '综合电商客服', departmentId: 101, supervisorUserIds: ['sup_general'], currentModelVersion: 1, model: { passScore: 70 } });
  });

  it('publishes a new version; history lists it newest first with the publisher', async () => {
    const res = await put({ model: STRICTER, note: '提高通过线', expectedVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.body.data.position).toMatchObject({ code: 'CS-GENERAL', currentModelVersion: 2, model: { passScore: 95 } });
    expect(res.body.data.rescore).toBeNull();

    const history = await get('/api/v1/positions/CS-GENERAL/models', 'supFresh');
    expect(history.status).toBe(200);
    expect(history.body.data.map((v: { version: number; note: string | null; createdByName: string | null }) => [v.version, v.note, v.createdByName])).toEqual([
      [2, '提高通过线', '李静'],
      [1, '初始版本', null],
    ]);
    const audit = await db.ds.getRepository(AuditEntry).findBy({ action: 'persona.published' });
    expect(audit).toEqual([expect.objectContaining({ actorType: 'user', actorId: 'hr01', details: { version: 2 } })]);
  });

  it('re-scores existing rounds when asked', async () => {
    const file = await ingestFile(db.ds);
    const before = await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId });
    expect(before.recommendation).not.toBe('not_recommended');
    const res = await put({ model: STRICTER, rescore: true }, 'admin');
    expect(res.status).toBe(200);
    expect(res.body.data.rescore).toMatchObject({ modelVersion: 2, roundsRescored: 1 });
    const after = await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId });
    expect(after).toMatchObject({ modelVersion: 2, recommendation: 'not_recommended' });
  });

  it('refuses supervisors and staff (403 forbidden) and changes nothing', async () => {
    for (const viewer of ['supGeneral', 'supDept101', 'staff'] as const) {
      const res = await put({ model: STRICTER }, viewer);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(await db.ds.getRepository(EvaluationModelVersion).count()).toBe(2);
  });

  it('answers 409 concurrent_update when another version was published since the editor loaded it', async () => {
    expect((await put({ model: STRICTER, expectedVersion: 1 })).status).toBe(200);
    const stale = await put({ model: GENERAL_MODEL, expectedVersion: 1 }, 'admin');
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: 'concurrent_update', details: { expectedVersion: 1, currentVersion: 2 } });
    expect((await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).currentModelVersion).toBe(2);
  });

  it('refuses an invalid persona (422 invalid_payload with paths), unknown fields, and an unknown position (404)', async () => {
    const badWeights = await put({ model: { ...GENERAL_MODEL, weights: { communication: 0.5 } } });
    expect(badWeights.status).toBe(422);
    expect(badWeights.body.error.code).toBe('invalid_payload');
    expect(badWeights.body.error.details[0].path).toBe('model.weights');
    expect((await put({ model: GENERAL_MODEL, extra: true })).status).toBe(422);
    const unknown = await put({ model: GENERAL_MODEL }, 'hr', 'NOPE');
    expect(unknown.status).toBe(404);
    expect((await get('/api/v1/positions/NOPE/models')).status).toBe(404);
    const malformed = await request(built.server).put('/api/v1/positions/CS-GENERAL/model').set(await bearer(built.deps, PEOPLE.hr)).set('Content-Type', 'application/json').send('{"model":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
  });
});
