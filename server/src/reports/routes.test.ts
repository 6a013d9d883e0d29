import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { PEOPLE, bearer, createDemoPositions, insertUsers } from '../../test/fixtures.js';
import { insertReportRows } from '../../test/reportFixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { Position } from '../platform/db/entities/index.js';
import { addDays, shanghaiDay } from '../hiring/index.js';

describeEachDb('reports API: summary', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  let general: string;
  let fresh: string;
  const summary = async (query: Record<string, string> = {}, viewer: keyof typeof PEOPLE = 'hr') =>
    request(built.server).get('/api/v1/reports/summary').query(query).set(await bearer(built.deps, PEOPLE[viewer]));

  beforeEach(async () => {
    built = buildTestApp(db.ds);
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    general = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).id;
    fresh = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-FRESH' })).id;
  });

  it('refuses staff (403) and anonymous callers (401), and answers 400 invalid_query for bad filters', async () => {
    const staff = await summary({}, 'staff');
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe('forbidden');
    expect((await request(built.server).get('/api/v1/reports/summary')).status).toBe(401);
    const queries: Record<string, string>[] = [{ from: '2026-11-31x' }, { from: '2026-11-20', to: '2026-11-19' }, { batch: 'with space' }, { colour: 'red' }];
    for (const query of queries) {
      const bad = await summary(query);
      expect(bad.status, JSON.stringify(query)).toBe(400);
      expect(bad.body.error.code).toBe('invalid_query');
    }
  });

  it('answers 404 for a position that does not exist, and for one outside a supervisor\'s scope', async () => {
    expect((await summary({ positionCode: 'NOPE' })).status).toBe(404);
    const outside = await summary({ positionCode: 'CS-FRESH' }, 'supGeneral');
    expect(outside.status).toBe(404);
    expect(outside.body.error.code).toBe('not_found');
  });

  it('computes the report from the stored history: funnel, conversion through stage changes, cycle time and supervisors', async () => {
    const at = new Date('2026-11-20T02:00:00Z');
    await insertReportRows(db.ds, [
      { positionId: general, stage: 'in_review', overallScore: 100, dimensionScores: { serviceAwareness: 65 }, at },
      { positionId: general, stage: 'second_interview', overallScore: 72.5, entered: ['second_interview'], review: { by: 'sup_general', hours: 2, agreedWithAi: true }, at },
      // Rejected at 复试: it reached it.
      { positionId: general, stage: 'rejected', overallScore: 60, entered: ['second_interview', 'rejected'], review: { by: 'sup_general', hours: 4, agreedWithAi: false }, at },
      { positionId: general, stage: 'rejected', overallScore: 40, entered: ['rejected'], review: { by: 'sup_dept101', hours: 9, agreedWithAi: true }, at, source: null },
    ]);
    const res = await summary();
    expect(res.status).toBe(200);
    const data = res.body.data;
    expect(data.n).toBe(4);
    expect(data.overall).toMatchObject({ n: 4, mean: 68.1, median: 66.3 });
    expect(data.overall.histogram.map((b: { count: number }) => b.count)).toEqual([0, 0, 0, 0, 1, 0, 1, 1, 0, 1]);
    expect(Object.fromEntries(data.funnel.map((f: { stage: string; count: number }) => [f.stage, f.count]))).toMatchObject({ in_review: 1, second_interview: 1, rejected: 2, hired: 0 });
    expect(data.conversion.reviewedToSecondInterview).toMatchObject({ count: 2, of: 3 });
    expect(data.conversion.secondInterviewToHired).toMatchObject({ count: 0, of: 2, rate: 0 });
    expect(data.cycleTime).toEqual({ n: 3, medianHours: 4, p90Hours: 8 });
    expect(data.supervisors).toEqual([
      { userId: 'sup_general', name: '张伟', decisions: 2, agreementRate: 0.5, medianHours: 3 },
      { userId: 'sup_dept101', name: '周强', decisions: 1, agreementRate: 1, medianHours: 9 },
    ]);
    expect(data.sources).toEqual([
      { source: 'BOSS直聘', n: 3, meanOverall: 77.5, secondInterviewRate: 0.6667 },
      { source: '未知来源', n: 1, meanOverall: 40, secondInterviewRate: 0 },
    ]);
  });

  it('filters by position, Asia/Shanghai days, batch and channel, and scopes a supervisor to their positions', async () => {
    await insertReportRows(db.ds, [
      // 2026-11-20 07:59 Shanghai and 2026-11-21 00:00 Shanghai (= 11-20 16:00 UTC).
      { positionId: general, at: new Date('2026-11-19T23:59:00Z'), batch: '1120-A', source: '校园招聘' },
      { positionId: general, at: new Date('2026-11-20T16:00:00Z'), batch: '1120-A' },
      { positionId: general, at: new Date('2026-11-25T02:00:00Z'), batch: '1125-B' },
      { positionId: fresh, at: new Date('2026-11-20T02:00:00Z'), batch: '1120-A' },
    ]);
    const n = async (query: Record<string, string>, viewer: keyof typeof PEOPLE = 'hr') => {
      const res = await summary(query, viewer);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data.n as number;
    };
    expect(await n({})).toBe(4);
    expect(await n({ positionCode: 'CS-GENERAL' })).toBe(3);
    expect(await n({ from: '2026-11-20', to: '2026-11-20' })).toBe(2);
    expect(await n({ from: '2026-11-21' })).toBe(2);
    expect(await n({ to: '2026-11-21' })).toBe(3);
    expect(await n({ batch: '1120-A' })).toBe(3);
    expect(await n({ source: '校园招聘' })).toBe(1);
    expect(await n({ batch: '1120-A', positionCode: 'CS-GENERAL', source: 'BOSS直聘' })).toBe(1);
    expect(await n({}, 'supFresh')).toBe(1);
    expect(await n({}, 'supGeneral')).toBe(3);
    expect(await n({}, 'admin')).toBe(4);
  });

  it('counts 90-day retention only for hires whose day 90 has passed and is known', async () => {
    const today = shanghaiDay(new Date());
    const onboarded = addDays(today, -120);
    await insertReportRows(db.ds, [
      // Read after day 90: still there.
      { positionId: general, stage: 'hired', entered: ['second_interview', 'hired'], onboardingDate: onboarded, retentionCheckedAt: new Date() },
      // Left on day 40.
      { positionId: general, stage: 'left', entered: ['second_interview', 'hired', 'left'], onboardingDate: onboarded, lastWorkDay: addDays(onboarded, 40) },
      // Onboarded 10 days ago: not yet known.
      { positionId: general, stage: 'hired', entered: ['second_interview', 'hired'], onboardingDate: addDays(today, -10) },
    ]);
    const data = (await summary()).body.data;
    expect(data.conversion.secondInterviewToHired).toMatchObject({ count: 3, of: 3, rate: 1 });
    expect(data.conversion.hiredToRetained90d).toMatchObject({ count: 1, of: 2, rate: 0.5 });
  });
});
