import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPreEntry } from '../../src/hiring/createPreEntry.js';
import { shanghaiDay } from '../../src/platform/dates.js';
import { checkRetention } from '../../src/hiring/checkRetention.js';
import { linkEmployees } from '../../src/hiring/linkEmployees.js';
import { Application, Candidate, OutboxMessage, StageChange } from '../../src/platform/db/entities/index.js';
import { isDingTalkError } from '../../src/platform/dingtalk/port.js';
import { fixedClock } from '../../src/platform/clock.js';
import { describeEachDb } from '../db.js';
import { bearer, createDemoPositions, ingestFile, insertUsers, PEOPLE } from '../fixtures.js';
import { startHarness, waitFor, type Harness } from '../reviewHarness.js';

const PRE_ENTRY_PATH = '/v1.0/hrm/preentries';
/** scripts/demo/org.json: hr01's mobile, i.e. someone already in the organisation. */
const ORG_MOBILE = '13800000002';

describeEachDb('after 复试 against the DingTalk sandbox', (db) => {
  let h: Harness;
  let applicationId: string;
  let mobile: string;
  const today = shanghaiDay(new Date());

  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    // A candidate in 复试, without the review effects (they belong to the review flow's tests).
    const file = await ingestFile(db.ds);
    await db.ds.getRepository(OutboxMessage).createQueryBuilder().delete().execute();
    await db.ds.getRepository(Application).update({ id: file.applicationId }, { stage: 'second_interview' });
    applicationId = file.applicationId;
    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
    mobile = (await db.ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId })).phone!;
    h = await startHarness(db.ds, { env: { HR_USER_IDS: 'hr01' } });
  });
  afterEach(async () => {
    await h?.close();
  });

  const application = () => db.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
  const preEntries = () => h.sandbox.state.preEntries.filter((p) => p.mobile === mobile);

  async function hire(onboardingDate = today) {
    const response = await fetch(`${h.serverUrl}/api/v1/applications/${applicationId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer(h.deps, PEOPLE.hr)) },
      body: JSON.stringify({ outcome: 'hired', onboardingDate }),
    });
    expect(response.status).toBe(200);
  }

  /** Hired in our database only (no outbox row): the handler is then run by hand. */
  async function markHired() {
    await db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'hired', onboardingDate: today, outcomeAt: new Date(), outcomeByUserId: 'hr01', hiredAt: new Date() });
  }

  it('录用 creates one 智能人事 pre-entry with the person, the expected entry time and the roster fields', async () => {
    await hire('2026-12-15');
    const { preEntryId } = await waitFor(async () => ((await application()).preEntryId ? application() : undefined), 'the pre-entry id') as Application;
    expect(preEntries()).toHaveLength(1);
    const [entry] = preEntries();
    expect(entry).toMatchObject({ tmpUserId: preEntryId, name: '刘晓燕', mobile, preEntryTime: Date.parse('2026-12-15T00:00:00+08:00'), needSendPreEntryMsg: false });
    const stored = await application();
    expect(entry!.fields.map((f) => [f.fieldCode, f.value])).toEqual([
      ['customField-aiInterviewBatch', stored.batch],
      ['customField-aiOverallScore', stored.overallScore.toFixed(1)],
      ['customField-aiModelVersion', `v${stored.modelVersion}`],
      ['customField-aiTalentPool', ''],
    ]);
    expect(await db.ds.getRepository(OutboxMessage).findOneByOrFail({ kind: 'hiring.pre_entry' })).toMatchObject({ status: 'delivered' });
  });

  it('a lost answer to the create is adopted on the retry: still one pre-entry', async () => {
    await h.control('/__sandbox/faults', { path: PRE_ENTRY_PATH, mode: 'lost_response' });
    await hire();
    const stored = await waitFor(async () => ((await application()).preEntryId ? application() : undefined), 'the pre-entry id', 12_000) as Application;
    const message = await db.ds.getRepository(OutboxMessage).findOneByOrFail({ kind: 'hiring.pre_entry' });
    expect(message).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(preEntries()).toHaveLength(1);
    expect(stored.preEntryId).toBe(preEntries()[0]!.tmpUserId);
    expect(h.sandbox.state.calls.filter((c) => c.path === PRE_ENTRY_PATH)).toHaveLength(1);
  });

  it('a crash between the DingTalk call and recording the id: the next run adopts, never creates twice', async () => {
    await markHired();
    const crashing = { ...h.deps, dingtalk: { ...h.dingtalk, createPreEntry: async (input: Parameters<Harness['dingtalk']['createPreEntry']>[0]) => {
      await h.dingtalk.createPreEntry(input);
      throw new Error('process killed before the id was recorded');
    } } };
    await expect(createPreEntry(crashing, { applicationId })).rejects.toThrow('process killed');
    expect((await application()).preEntryId).toBeNull();
    expect(preEntries()).toHaveLength(1);
    await expect(createPreEntry(h.deps, { applicationId })).resolves.toBe('adopted');
    expect((await application()).preEntryId).toBe(preEntries()[0]!.tmpUserId);
    await expect(createPreEntry(h.deps, { applicationId })).resolves.toBe('already_recorded');
    expect(preEntries()).toHaveLength(1);
    expect(h.sandbox.state.calls.filter((c) => c.path === PRE_ENTRY_PATH)).toHaveLength(1);
  });

  it('the sandbox refuses a pre-entry for a mobile of the organisation, as DingTalk does (系统繁忙)', async () => {
    const error = await h.dingtalk.createPreEntry({ name: '李静', mobile: ORG_MOBILE, expectedEntryDate: today, operatorUserId: 'hr01', roster: { interviewBatch: today, overallScore: '80.0', modelVersion: 'v1', talentPool: '' } }).catch((e: unknown) => e);
    expect(isDingTalkError(error) && error.message).toContain('系统繁忙');
    expect(h.sandbox.state.preEntries).toHaveLength(0);
  });

  it('a mobile of the organisation fails the delivery for good with the reason, and HR get a work notice', async () => {
    const stored = await application();
    await db.ds.getRepository(Candidate).update({ id: stored.candidateId }, { phone: ORG_MOBILE });
    await hire();
    const message = await waitFor(async () => {
      const row = await db.ds.getRepository(OutboxMessage).findOneBy({ kind: 'hiring.pre_entry' });
      return row?.status === 'failed' ? row : undefined;
    }, 'the refused pre-entry');
    expect(message.attempts).toBe(1);
    expect(message.lastError).toContain('已是企业成员');
    const notice = await waitFor(() => (h.sandbox.state.notifications.get('hr01') ?? [])[0], 'the notice to HR');
    expect(JSON.stringify(notice.msg)).toContain('待入职创建失败');
    expect(h.sandbox.state.preEntries).toHaveLength(0);
    expect((await application()).preEntryId).toBeNull();
  });

  it('links the hire once onboarded in 智能人事, and moves them to 已离职 when DingTalk reports the departure', async () => {
    await hire(today);
    const { preEntryId } = await waitFor(async () => ((await application()).preEntryId ? application() : undefined), 'the pre-entry id') as Application;
    await linkEmployees(h.deps);
    expect((await application()).employeeUserId).toBeNull();

    const onboarded = await h.control(`/__sandbox/hrm/preentries/${preEntryId}/onboard`, {});
    expect(onboarded.status).toBe(200);
    const userId = onboarded.body.userId as string;
    await expect(linkEmployees(h.deps)).resolves.toEqual({ linked: 1, checked: 1 });
    expect((await application()).employeeUserId).toBe(userId);

    const fileResponse = await fetch(`${h.serverUrl}/api/v1/applications/${applicationId}`, { headers: await bearer(h.deps, PEOPLE.hr) });
    expect(((await fileResponse.json()) as { data: { hiring: { hrStatus: string } } }).data.hiring.hrStatus).toBe('onboarded');

    // Day 30: still employed; the read is remembered.
    const day = (n: number) => fixedClock(Date.parse(`${today}T12:00:00+08:00`) + n * 86_400_000);
    await expect(checkRetention({ ...h.deps, clock: day(30) })).resolves.toEqual({ read: 1, left: 0 });
    await expect(checkRetention({ ...h.deps, clock: day(31) })).resolves.toEqual({ read: 0, left: 0 });

    const lastWorkDay = shanghaiDay(day(60).now());
    expect((await h.control(`/__sandbox/hrm/employees/${userId}/leave`, { lastWorkDay, reason: 'voluntary' })).status).toBe(200);
    await expect(checkRetention({ ...h.deps, clock: day(90) })).resolves.toEqual({ read: 1, left: 1 });
    expect(await application()).toMatchObject({ stage: 'left', lastWorkDay, leftReason: 'voluntary' });
    const change = await db.ds.getRepository(StageChange).findOneByOrFail({ applicationId, toStage: 'left' });
    expect(change).toMatchObject({ fromStage: 'hired', actorType: 'dingtalk' });
    expect(change.reason).toContain('主动离职');
  });
});
