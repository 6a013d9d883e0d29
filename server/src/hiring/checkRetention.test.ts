import { expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.js';
import { Application, Candidate } from '../platform/db/entities/index.js';
import { createFakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { createDemoPositions, ingestFile } from '../../test/fixtures.js';
import { describeEachDb } from '../../test/db.js';
import { buildTestDeps } from '../../test/testApp.js';
import { checkRetention } from './checkRetention.js';
import { linkEmployees } from './linkEmployees.js';

describeEachDb('hiring jobs', (db) => {
  const hireMany = async (n: number, onboardingDate: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const { applicationId } = await ingestFile(db.ds);
      await db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'hired', onboardingDate, employeeUserId: `emp${i}` });
      ids.push(applicationId);
    }
    return ids;
  };

  it('reads departures in batches of at most 50 and moves only those who left to 已离职', async () => {
    await createDemoPositions(db.ds);
    const ids = await hireMany(55, '2026-01-01');
    const dingtalk = createFakeDingTalk();
    dingtalk.departures.set('emp3', { userId: 'emp3', left: true, lastWorkDay: '2026-01-20', reason: 'passive' });
    dingtalk.departures.set('emp52', { userId: 'emp52', left: true, lastWorkDay: '2026-01-25', reason: 'voluntary' });
    dingtalk.departures.set('emp7', { userId: 'emp7', left: false, lastWorkDay: '2026-03-01', reason: 'voluntary' });
    const deps = buildTestDeps(db.ds, { dingtalk, clock: fixedClock('2026-02-05T04:00:00Z') });

    await expect(checkRetention(deps)).resolves.toEqual({ read: 55, left: 2 });
    expect(dingtalk.callsTo('listDepartures').map(([userIds]) => userIds.length)).toEqual([50, 5]);
    const rows = await db.ds.getRepository(Application).find();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(ids[3]!)).toMatchObject({ stage: 'left', lastWorkDay: '2026-01-20', leftReason: 'passive' });
    expect(byId.get(ids[52]!)).toMatchObject({ stage: 'left', leftReason: 'voluntary' });
    expect(byId.get(ids[7]!)).toMatchObject({ stage: 'hired', lastWorkDay: null });
    expect(rows.every((r) => r.retentionCheckedAt !== null)).toBe(true);

    // Read again before day 90: nothing is due, DingTalk is not asked.
    await expect(checkRetention({ ...deps, clock: fixedClock('2026-03-01T04:00:00Z') })).resolves.toEqual({ read: 0, left: 0 });
    expect(dingtalk.callsTo('listDepartures')).toHaveLength(2);
  });

  it('links a hire whose onboarding date has come once DingTalk knows their mobile, and no one earlier', async () => {
    await createDemoPositions(db.ds);
    const { applicationId } = await ingestFile(db.ds);
    await db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'hired', onboardingDate: '2026-02-10' });
    const dingtalk = createFakeDingTalk();
    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
    const { phone } = await db.ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId });
    dingtalk.onboard(phone!, { userId: 'emp-new', unionId: null, name: '刘晓燕', title: null, deptIds: [101] });

    await expect(linkEmployees(buildTestDeps(db.ds, { dingtalk, clock: fixedClock('2026-02-09T04:00:00Z') }))).resolves.toEqual({ linked: 0, checked: 0 });
    await expect(linkEmployees(buildTestDeps(db.ds, { dingtalk, clock: fixedClock('2026-02-10T04:00:00Z') }))).resolves.toEqual({ linked: 1, checked: 1 });
    expect((await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId })).employeeUserId).toBe('emp-new');
  });
});
