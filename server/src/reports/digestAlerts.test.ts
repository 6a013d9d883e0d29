import { beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createDemoPositions } from '../../test/fixtures.js';
import { insertReportRows, type ReportRow } from '../../test/reportFixtures.js';
import { buildTestDeps } from '../../test/testApp.js';
import { fixedClock } from '../platform/clock.js';
import { AlertNotice, OutboxMessage, Position } from '../platform/db/entities/index.js';
import { createFakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { digestAlerts } from './digestAlerts.js';
import { REPORT_KINDS, type AlertDigestPayload } from './kinds.js';
import { ALERT_DIGEST_MAX_LISTED, alertDigestCard, sendAlertDigest } from './sendAlertDigest.js';

/** `n` candidates of one batch, `below` of them under 70 on 服务意识 (the default threshold). */
const weakBatch = (positionId: string, batch: string, at: string, n = 40, below = 32): ReportRow[] =>
  Array.from({ length: n }, (_, i) => ({ positionId, batch, at: new Date(at), dimensionScores: { serviceAwareness: i < below ? 60 : 80, communication: 80 }, overallScore: 75 }));

describeEachDb('reports: the daily alert notice', (db) => {
  let positionId: string;
  const digests = async () =>
    (await db.ds.getRepository(OutboxMessage).findBy({ kind: REPORT_KINDS.alertDigest })).map((m) => m.payload as unknown as AlertDigestPayload).sort((a, b) => `${a.day}${a.userId}`.localeCompare(`${b.day}${b.userId}`));
  const depsAt = (at: string, env: Record<string, string> = {}) => buildTestDeps(db.ds, { clock: fixedClock(at) }, env);

  beforeEach(async () => {
    await createDemoPositions(db.ds);
    positionId = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).id;
  });

  it('waits for the digest hour, sends each HR user the new alerts once, and nothing when nothing is new', async () => {
    await insertReportRows(db.ds, weakBatch(positionId, '1120-A', '2026-11-20T02:00:00Z'));
    const env = { HR_USER_IDS: 'hr01,hr02' };

    // 08:30 in Shanghai: before 09:00, nothing yet.
    await expect(digestAlerts(depsAt('2026-11-21T00:30:00Z', env))).resolves.toEqual({ notified: [], alerts: 0 });
    expect(await digests()).toEqual([]);

    const deps = depsAt('2026-11-21T02:00:00Z', env);
    await expect(digestAlerts(deps)).resolves.toEqual({ notified: ['hr01', 'hr02'], alerts: 2 });
    const [first, second] = await digests();
    expect(first).toMatchObject({ userId: 'hr01', day: '2026-11-21', alerts: [{ key: expect.stringContaining('1120-A') }] });
    expect(first!.alerts[0]!.message).toContain('批次 1120-A');
    expect(first!.alerts[0]!.message).toContain('32/40');
    expect(second).toMatchObject({ userId: 'hr02', alerts: first!.alerts });
    expect(deps.wakes()).toBe(1);

    // Later the same day, and the next day with no new batch: nothing more.
    await expect(digestAlerts(depsAt('2026-11-21T09:00:00Z', env))).resolves.toEqual({ notified: [], alerts: 0 });
    await expect(digestAlerts(depsAt('2026-11-22T02:00:00Z', env))).resolves.toEqual({ notified: [], alerts: 0 });
    expect(await digests()).toHaveLength(2);

    // A new batch weak on 沟通表达 (its 服务意识 matches the 1120-A baseline, so that alert is held back):
    // the next digest lists only what is new, never the old alert again.
    const weakOnCommunication = weakBatch(positionId, '1122-B', '2026-11-22T03:00:00Z').map((row, i) => ({ ...row, dimensionScores: { serviceAwareness: 80, communication: i < 32 ? 60 : 80 } }));
    await insertReportRows(db.ds, weakOnCommunication);
    const next = await digestAlerts(depsAt('2026-11-23T02:00:00Z', env));
    expect(next.notified).toEqual(['hr01', 'hr02']);
    const latest = (await digests()).filter((d) => d.day === '2026-11-23');
    const keys = latest.flatMap((d) => d.alerts.map((a) => a.key));
    expect(keys).toContain('batch_below_threshold|CS-GENERAL|1122-B|communication');
    expect(keys.every((k) => k.includes('|1122-B|'))).toBe(true);
    expect(next.alerts).toBe(keys.length);
    expect(await db.ds.getRepository(AlertNotice).countBy({ userId: 'hr01' })).toBe(1 + keys.length / 2 + 1); // + the 11-22 nothing-new marker
  });

  it('sends nothing while the data raises no alert (a batch under the n guard)', async () => {
    await insertReportRows(db.ds, weakBatch(positionId, 'SMALL', '2026-11-20T02:00:00Z', 29, 29));
    await expect(digestAlerts(depsAt('2026-11-21T02:00:00Z'))).resolves.toEqual({ notified: [], alerts: 0 });
    expect(await digests()).toEqual([]);
    // The day is marked as checked (no recomputation on every later run), and nothing counts as an alert sent.
    expect(await db.ds.getRepository(AlertNotice).find({ select: { alertKey: true, userId: true } })).toEqual([{ alertKey: 'digest-checked:2026-11-21', userId: 'hr01' }]);
    await insertReportRows(db.ds, weakBatch(positionId, '1121-C', '2026-11-21T03:00:00Z'));
    await expect(digestAlerts(depsAt('2026-11-21T05:00:00Z'))).resolves.toEqual({ notified: [], alerts: 0 });
    // The next day the new batch's alert goes out.
    await expect(digestAlerts(depsAt('2026-11-22T02:00:00Z'))).resolves.toMatchObject({ notified: ['hr01'], alerts: 1 });
  });

  it('two instances running the job at once enqueue one digest', async () => {
    await insertReportRows(db.ds, weakBatch(positionId, '1120-A', '2026-11-20T02:00:00Z'));
    const results = await Promise.all([digestAlerts(depsAt('2026-11-21T02:00:00Z')), digestAlerts(depsAt('2026-11-21T02:00:00Z'))]);
    expect(results.map((r) => r.notified.length).sort()).toEqual([0, 1]);
    expect(await digests()).toHaveLength(1);
    expect(await db.ds.getRepository(AlertNotice).count()).toBe(1);
  });

  it('delivers the digest as one work notification linking to 数据看板', async () => {
    const dingtalk = createFakeDingTalk();
    const payload: AlertDigestPayload = { userId: 'hr01', day: '2026-11-21', alerts: [{ key: 'k1', message: '批次 1120-A：80% 的候选人服务意识低于 70 分（32/40）' }] };
    await sendAlertDigest(buildTestDeps(db.ds, { dingtalk }), payload);
    const [notice] = dingtalk.callsTo('sendWorkNotice').map(([input]) => input);
    expect(notice!.userIds).toEqual(['hr01']);
    expect(notice!.card.title).toBe('数据看板：1 条新预警');
    expect(notice!.card.markdown).toContain('1. 批次 1120-A：80% 的候选人服务意识低于 70 分（32/40）');
    expect(decodeURIComponent(notice!.card.singleUrl)).toContain('http://127.0.0.1:3000/app/#/reports');
  });
});

it('lists the first alerts of a long digest and counts the rest', () => {
  const alerts = Array.from({ length: ALERT_DIGEST_MAX_LISTED + 3 }, (_, i) => ({ key: `k${i}`, message: `预警 ${i + 1}` }));
  const card = alertDigestCard({ userId: 'hr01', day: '2026-11-21', alerts }, 'https://hr.example.com');
  expect(card.title).toBe(`数据看板：${ALERT_DIGEST_MAX_LISTED + 3} 条新预警`);
  expect(card.markdown).toContain(`${ALERT_DIGEST_MAX_LISTED}. 预警 ${ALERT_DIGEST_MAX_LISTED}`);
  expect(card.markdown).not.toContain(`预警 ${ALERT_DIGEST_MAX_LISTED + 1}`);
  expect(card.markdown).toContain('另有 3 条，请在数据看板查看');
});
