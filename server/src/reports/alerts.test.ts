import request from 'supertest';
import { In } from 'typeorm';
import { beforeEach, expect, it } from 'vitest';
import type { ReportAlert } from '@aireview/shared';
import { describeEachDb } from '../../test/db.js';
import { PEOPLE, bearer, createDemoPositions, insertUsers } from '../../test/fixtures.js';
import { insertReportRows, type ReportRow } from '../../test/reportFixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { Application, AuditEntry, Candidate, Position } from '../platform/db/entities/index.js';

/**
 * Synthetic history with a known truth, per position:
 * CS-GENERAL — BASE (10-20, 40 candidates, 12 below 70 on 服务意识 = 30 %), 1120-A (11-20, 32 of 40 below),
 *   SMALL (11-21, 29 candidates all below: under the n guard). Reviews: sup_general disagrees with the AI
 *   12 of 20 times, sup_dept101 3 of 30. Gender: of 40 women 10 recommended by the AI, of 40 men 30.
 * CS-FRESH — F-BASE (10-20, 26 of 40 below, no baseline before it), F-1120 (11-20, 26 of 40 below: the
 *   same share as its baseline, so the binomial test holds it back). sup_fresh disagrees 19 of 19 (under
 *   the 20-decision guard). Women 10 of 20 recommended, men 11 of 20.
 */
const day = (d: string) => new Date(`${d}T02:00:00Z`);
function rows(positionId: string, batch: string, at: string, n: number, below: number): ReportRow[] {
  return Array.from({ length: n }, (_, i) => ({ positionId, batch, at: day(at), dimensionScores: { serviceAwareness: i < below ? 60 : 80, communication: 80 }, overallScore: 75 }));
}

describeEachDb('reports API: alerts', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  const alerts = async (query: Record<string, string> = {}, viewer: keyof typeof PEOPLE = 'hr') =>
    request(built.server).get('/api/v1/reports/alerts').query(query).set(await bearer(built.deps, PEOPLE[viewer]));
  const list = async (query: Record<string, string> = {}, viewer: keyof typeof PEOPLE = 'hr') => {
    const res = await alerts(query, viewer);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data as ReportAlert[];
  };

  async function setGender(ids: string[], gender: 'female' | 'male', recommendedCount: number) {
    const apps = await db.ds.getRepository(Application).findBy({ id: In(ids) });
    await db.ds.getRepository(Candidate).update({ id: In(apps.map((a) => a.candidateId)) }, { gender });
    await db.ds.getRepository(Application).update({ id: In(ids.slice(0, recommendedCount)) }, { recommendation: 'recommended' });
    await db.ds.getRepository(Application).update({ id: In(ids.slice(recommendedCount)) }, { recommendation: 'borderline' });
  }

  beforeEach(async () => {
    built = buildTestApp(db.ds);
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    const general = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).id;
    const fresh = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-FRESH' })).id;
    const reviewed = (row: ReportRow, i: number): ReportRow =>
      i < 20 ? { ...row, review: { by: 'sup_general', hours: 1, agreedWithAi: i >= 12 } } : i < 50 ? { ...row, review: { by: 'sup_dept101', hours: 1, agreedWithAi: i >= 23 } } : row;
    const generalIds = await insertReportRows(db.ds, [...rows(general, 'BASE', '2026-10-20', 40, 12), ...rows(general, '1120-A', '2026-11-20', 40, 32)].map(reviewed));
    await insertReportRows(db.ds, rows(general, 'SMALL', '2026-11-21', 29, 29));
    const freshRows = [...rows(fresh, 'F-BASE', '2026-10-20', 40, 26), ...rows(fresh, 'F-1120', '2026-11-20', 40, 26)].map((row, i): ReportRow =>
      i < 19 ? { ...row, review: { by: 'sup_fresh', hours: 1, agreedWithAi: false } } : i < 49 ? { ...row, review: { by: 'admin01', hours: 1, agreedWithAi: true } } : row,
    );
    const freshIds = await insertReportRows(db.ds, freshRows);
    await setGender(generalIds.filter((_, i) => i % 2 === 0), 'female', 10);
    await setGender(generalIds.filter((_, i) => i % 2 === 1), 'male', 30);
    await setGender(freshIds.slice(0, 20), 'female', 10);
    await setGender(freshIds.slice(20, 40), 'male', 11);
  });

  it('flags a batch where most candidates score below 70, against its trailing baseline, with the counts in the message', async () => {
    const below = (await list()).filter((a) => a.kind === 'batch_below_threshold');
    const batch = below.find((a) => a.batch === '1120-A')!;
    expect(batch).toMatchObject({ positionCode: 'CS-GENERAL', dimension: 'serviceAwareness', share: 0.8, threshold: 70, n: 40, baseline: 0.3, candidates: { positionCode: 'CS-GENERAL', batch: '1120-A' } });
    expect(batch.message).toBe('批次 1120-A：80% 的候选人服务意识低于 70 分（32/40，近 8 周为 30%）');
    // P(X ≥ 32) for X ~ Binomial(40, 0.3) is about 1.3e-10.
    expect(batch.pValue).toBeGreaterThan(1e-11);
    expect(batch.pValue).toBeLessThan(1e-9);
  });

  it('holds back a batch under 30 candidates, one below the share, and one no worse than its baseline; flags one without a baseline as such', async () => {
    const below = (await list()).filter((a) => a.kind === 'batch_below_threshold');
    // SMALL: 29 of 29 below, under the n guard. BASE: 30 %. F-1120: 65 % as its baseline (binomial p ≈ 0.5).
    expect(below.map((a) => a.batch).sort()).toEqual(['1120-A', 'F-BASE']);
    const first = below.find((a) => a.batch === 'F-BASE')!;
    expect(first.baseline).toBeUndefined();
    expect(first.pValue).toBeUndefined();
    expect(first.message).toBe('批次 F-BASE：65% 的候选人服务意识低于 70 分（26/40，近 8 周数据不足，未作对比）');
  });

  it('flags a batch whose mean moved more than 0.5 SD from the baseline, and not one drawn like its baseline', async () => {
    const shifts = (await list()).filter((a) => a.kind === 'distribution_shift');
    expect(shifts.map((a) => `${a.batch}/${a.dimension}`)).toEqual(['1120-A/serviceAwareness']);
    // 1120-A: mean 64 against BASE's 74 (SD 9.28): 1.1 SD lower.
    expect(shifts[0]).toMatchObject({ n: 40, baseline: 74 });
    expect(shifts[0]!.message).toMatch(/^批次 1120-A：服务意识平均分 64\.0，比近 8 周（74\.0，n=40）低 1\.1 个标准差（n=40，p<0\.001）$/);
  });

  it('flags a supervisor who disagrees with the AI significantly more than peers, not one under 20 decisions', async () => {
    const supervisors = (await list()).filter((a) => a.kind === 'supervisor_disagreement');
    expect(supervisors).toHaveLength(1);
    expect(supervisors[0]).toMatchObject({ positionCode: 'CS-GENERAL', group: 'sup_general', share: 0.6, n: 20, baseline: 0.1 });
    // z = 0.5 / √(0.3 × 0.7 × (1/20 + 1/30)) = 3.78; one-sided p ≈ 7.9e-5.
    expect(supervisors[0]!.pValue).toBeCloseTo(7.9e-5, 5);
    expect(supervisors[0]!.message).toBe('主管 张伟 与 AI 建议不一致 60%（12/20），其他主管为 10%（3/30，p<0.001）');
  });

  it('flags adverse impact on the AI recommendation by gender for HR, never for a supervisor', async () => {
    const impact = (await list()).filter((a) => a.kind === 'adverse_impact');
    // CS-GENERAL: 25 % of women against 75 % of men (ratio 0.33). CS-FRESH: 50 % against 55 % (0.91) holds.
    expect(impact).toHaveLength(1);
    expect(impact[0]).toMatchObject({ positionCode: 'CS-GENERAL', group: 'female', share: 0.3333, n: 80 });
    expect(impact[0]!.pValue).toBeLessThan(0.001);
    expect((await list({}, 'supGeneral')).some((a) => a.kind === 'adverse_impact')).toBe(false);
  });

  it('checks only batches interviewed in the date range, still against the baseline before it', async () => {
    const inRange = await list({ from: '2026-11-20', to: '2026-11-20' });
    expect(inRange.filter((a) => a.kind === 'batch_below_threshold').map((a) => a.batch)).toEqual(['1120-A']);
    expect(inRange.find((a) => a.batch === '1120-A')!.baseline).toBe(0.3);
    // A supervisor sees the alerts of their own positions only.
    expect(new Set((await list({}, 'supFresh')).map((a) => a.positionCode))).toEqual(new Set(['CS-FRESH']));
  });

  it('uses the position\'s own thresholds once HR sets them, audited; an alert that no longer holds disappears', async () => {
    const hr = await bearer(built.deps, PEOPLE.hr);
    const put = await request(built.server).put('/api/v1/reports/alert-settings/CS-GENERAL').set(hr).send({ belowShare: 0.85 });
    expect(put.status).toBe(200);
    expect(put.body.data).toMatchObject({ positionCode: 'CS-GENERAL', overrides: { belowShare: 0.85 }, settings: { belowShare: 0.85, belowScore: 70 } });
    expect((await list()).some((a) => a.kind === 'batch_below_threshold' && a.batch === '1120-A')).toBe(false);
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'reports.alert_settings_updated' })).toBe(1);

    await request(built.server).put('/api/v1/reports/alert-settings/CS-GENERAL').set(hr).send({}).expect(200);
    expect((await list()).some((a) => a.kind === 'batch_below_threshold' && a.batch === '1120-A')).toBe(true);
  });

  it('refuses bad thresholds (422 invalid_payload) and anyone but HR and admin on the settings (403); staff get no alerts (403)', async () => {
    const hr = await bearer(built.deps, PEOPLE.hr);
    for (const body of [{ belowShare: 1.5 }, { minBatchN: 2 }, { colour: 'red' }]) {
      const bad = await request(built.server).put('/api/v1/reports/alert-settings/CS-GENERAL').set(hr).send(body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
      expect(bad.body.error.code).toBe('invalid_payload');
    }
    expect((await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).alertSettings).toBeNull();
    const sup = await request(built.server).put('/api/v1/reports/alert-settings/CS-GENERAL').set(await bearer(built.deps, PEOPLE.supGeneral)).send({ belowShare: 0.7 });
    expect(sup.status).toBe(403);
    expect((await request(built.server).get('/api/v1/reports/alert-settings/NOPE').set(hr)).status).toBe(404);
    expect((await alerts({}, 'staff')).status).toBe(403);
  });
});
