import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { Application, PerformanceRecord, TrainingAssignment } from '../platform/db/entities/index.js';
import { decideReview } from '../review/index.js';
import { describeEachDb } from '../../test/db.js';
import { bearer, createDemoPositions, insertUsers, PEOPLE } from '../../test/fixtures.js';
import { buildTestApp, buildTestDeps } from '../../test/testApp.js';
import { fileInReview, publishDemoRules } from '../../test/trainingFixtures.js';

describeEachDb('GET /reports/training', (db) => {
  let applicationId: string;
  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
    const file = await fileInReview(db.ds);
    await decideReview(buildTestDeps(db.ds), { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
    applicationId = file.applicationId;
  });

  const get = async (as: (typeof PEOPLE)[keyof typeof PEOPLE], query = '') => {
    const { deps, server } = buildTestApp(db.ds);
    return request(server).get(`/api/v1/reports/training${query}`).set(await bearer(deps, as));
  };

  it('counts the courses and programmes of the position (team suggestions are not training) and the completion rate', async () => {
    await db.ds.getRepository(TrainingAssignment).update({ applicationId, ruleId: 'service-skills' }, { status: 'done' });
    await db.ds.getRepository(TrainingAssignment).update({ applicationId, ruleId: 'empathy' }, { status: 'waived' });
    const res = await get(PEOPLE.hr, '?positionCode=CS-GENERAL');
    expect(res.status).toBe(200);
    expect(res.body.data.positions).toEqual([
      expect.objectContaining({
        positionCode: 'CS-GENERAL',
        candidates: 1,
        assignments: { total: 4, assigned: 2, overdue: 0, done: 1, waived: 1 },
        completion: expect.objectContaining({ count: 1, of: 3 }),
        outcome: null,
      }),
    ]);
  });

  it('shows the satisfaction of hires with performance, with n, and no conclusion from one hire', async () => {
    await db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'hired' });
    const now = new Date();
    await db.ds.getRepository(PerformanceRecord).insert([
      { id: randomUUID(), applicationId, period: '2026-10', satisfaction: 80, resolutionRate: null, qaScore: null, source: 'api', createdAt: now, updatedAt: now },
      { id: randomUUID(), applicationId, period: '2026-11', satisfaction: 90, resolutionRate: null, qaScore: null, source: 'api', createdAt: now, updatedAt: now },
    ]);
    const res = await get(PEOPLE.admin, '?positionCode=CS-GENERAL');
    expect(res.body.data.positions[0].outcome).toEqual({ metric: 'satisfaction', completed: { n: 0, mean: null }, notCompleted: { n: 1, mean: 85 }, difference: null, ci95: null, pValue: null, enough: false });
  });

  it('a supervisor sees their own positions only; staff are refused', async () => {
    const fresh = await get(PEOPLE.supFresh);
    expect(fresh.body.data.positions.map((p: { positionCode: string }) => p.positionCode)).toEqual(['CS-FRESH']);
    expect(fresh.body.data.positions[0].assignments.total).toBe(0);
    expect((await get(PEOPLE.supFresh, '?positionCode=CS-GENERAL')).status).toBe(404);
    expect((await get(PEOPLE.staff)).status).toBe(403);
  });
});
