import request from 'supertest';
import { In } from 'typeorm';
import { describe, expect, it } from 'vitest';
import type { FairnessReport } from '@aireview/shared';
import { describeEachDb } from '../../test/db.js';
import { PEOPLE, bearer, createDemoPositions, insertUsers } from '../../test/fixtures.js';
import { insertReportRows } from '../../test/reportFixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { Application, Candidate, Position } from '../platform/db/entities/index.js';
import { ageBandOf, fairnessOf } from './fairness.js';
import { fisherExactTwoSided } from './fairnessStats.js';

const at = new Date('2026-11-20T02:00:00Z');
const person = (gender: 'female' | 'male' | null, recommended: boolean, extra: Partial<Parameters<typeof fairnessOf>[0][number]> = {}) => ({
  gender,
  birthYear: null,
  lastInterviewAt: at,
  recommendation: recommended ? ('recommended' as const) : ('borderline' as const),
  reviewed: false,
  reachedSecondInterview: false,
  ...extra,
});

describe('fairnessOf', () => {
  it('puts ages in bands at the interview year: 24 is under 25, 25 and 34 are 25–34, 35 is 35+', () => {
    expect([2002, 2001, 1992, 1991].map((y) => ageBandOf(y, at))).toEqual(['under25', '25to34', '25to34', '35plus']);
    // 2026-12-31 20:00 UTC is already 2027 in Shanghai.
    expect(ageBandOf(2002, new Date('2026-12-31T20:00:00Z'))).toBe('25to34');
  });

  it('compares women and men on the AI recommendation with the impact ratio and Fisher p of the known table', () => {
    const people = [
      ...Array.from({ length: 10 }, (_, i) => person('female', i < 3)),
      ...Array.from({ length: 10 }, (_, i) => person('male', i < 9)),
      person(null, true),
    ];
    const gender = fairnessOf(people, { minCell: 5 }).find((c) => c.attribute === 'gender' && c.rate === 'ai_recommended')!;
    expect(gender.impact.groups.map((g) => [g.group, g.n, g.selected])).toEqual([['female', 10, 3], ['male', 10, 9]]);
    expect(gender.impact.ratio).toBeCloseTo(3 / 9, 10);
    // [[3, 7], [9, 1]]: R's fisher.test gives p = 0.01978.
    expect(gender.impact.pValue).toBeCloseTo(fisherExactTwoSided(3, 7, 9, 1), 12);
    expect(gender.impact.pValue).toBeCloseTo(0.01978, 4);
  });

  it('suppresses groups under five people and compares 复试 over reviewed applications only', () => {
    const people = [
      ...Array.from({ length: 4 }, () => person('female', true, { reviewed: true, reachedSecondInterview: true })),
      ...Array.from({ length: 6 }, (_, i) => person('male', true, { reviewed: i < 5, reachedSecondInterview: i < 2 })),
    ];
    const second = fairnessOf(people, { minCell: 5 }).find((c) => c.attribute === 'gender' && c.rate === 'second_interview')!;
    expect(second.impact.groups.find((g) => g.group === 'female')).toMatchObject({ n: 4, suppressed: true, rate: null });
    expect(second.impact.groups.find((g) => g.group === 'male')).toMatchObject({ n: 5, selected: 2, suppressed: false });
    expect(second.impact.ratio).toBeNull();
  });
});

describeEachDb('reports API: fairness', (db) => {
  it('shows HR the groups with ratio and p, hides suppressed counts, and refuses supervisors (403)', async () => {
    const built = buildTestApp(db.ds);
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    const general = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).id;
    const ids = await insertReportRows(db.ds, Array.from({ length: 24 }, (_, i) => ({ positionId: general, at, overallScore: i < 10 ? (i < 3 ? 80 : 60) : i < 20 ? (i < 19 ? 80 : 60) : 80 })));
    const apps = await db.ds.getRepository(Application).findBy({ id: In(ids) });
    const candidateOf = new Map(apps.map((a) => [a.id, a.candidateId]));
    const update = async (slice: string[], values: Partial<Candidate>) => db.ds.getRepository(Candidate).update({ id: In(slice.map((id) => candidateOf.get(id)!)) }, values);
    await update(ids.slice(0, 10), { gender: 'female', birthYear: 1990 });
    await update(ids.slice(10, 20), { gender: 'male', birthYear: 1995 });
    // Four under 25: suppressed.
    await update(ids.slice(20, 24), { gender: 'unspecified', birthYear: 2005 });

    const res = await request(built.server).get('/api/v1/reports/fairness').query({ positionCode: 'CS-GENERAL' }).set(await bearer(built.deps, PEOPLE.hr));
    expect(res.status).toBe(200);
    const report = res.body.data as FairnessReport;
    expect(report).toMatchObject({ n: 24, withDemographics: 24, minCell: 5 });
    const gender = report.comparisons.find((c) => c.attribute === 'gender' && c.rate === 'ai_recommended')!;
    expect(gender.groups).toEqual([
      { group: 'female', label: '女性', n: 10, selected: 3, rate: 0.3, suppressed: false },
      { group: 'male', label: '男性', n: 10, selected: 9, rate: 0.9, suppressed: false },
    ]);
    expect(gender).toMatchObject({ ratio: 0.3333, lowest: 'female', highest: 'male', flagged: true });
    const age = report.comparisons.find((c) => c.attribute === 'age' && c.rate === 'ai_recommended')!;
    expect(age.groups.find((g) => g.group === 'under25')).toEqual({ group: 'under25', label: '25 岁以下', n: null, selected: null, rate: null, suppressed: true });

    const sup = await request(built.server).get('/api/v1/reports/fairness').set(await bearer(built.deps, PEOPLE.supGeneral));
    expect(sup.status).toBe(403);
  });
});
