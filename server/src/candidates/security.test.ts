import type { ApplicationSummary } from '@aireview/shared';
import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { PEOPLE, attachRecording, bearer, binary, createDemoPositions, ingestFile, insertUsers, tokenFor, type IngestedFile } from '../../test/fixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { manualClock } from '../platform/clock.js';
import { AuditEntry, Position, User } from '../platform/db/entities/index.js';
import { RECORDING_LINK_TTL_SECONDS, recordingLinkUrl, signRecordingLink } from './recordingLinks.js';

/** Attacks on candidate search, recording reads and recording links; each asserts the attack now fails. */
describeEachDb('security: candidate search and recordings', (db) => {
  /** The candidate whose masked number (138****8000) a supervisor tries to recover. */
  const PHONE = '13812348000';
  let clock: ReturnType<typeof manualClock>;
  let built: ReturnType<typeof buildTestApp>;
  let file: IngestedFile;
  let other: IngestedFile;
  let recordingPath: string;
  let otherRecordingPath: string;

  beforeEach(async () => {
    clock = manualClock();
    built = buildTestApp(db.ds, { clock });
    // supertest may close its socket before the server sees a streamed response finish; Koa would print that race.
    built.app.silent = true;
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    file = await ingestFile(db.ds, { candidate: { externalId: 'ext-target', name: '王小明', phone: PHONE, source: '内推' } });
    other = await ingestFile(db.ds, { candidate: { externalId: 'ext-other', name: '李四', phone: '13900009999', source: '内推' } });
    await attachRecording(db.ds, built.deps.storage, file, 'lost_parcel', 1);
    await attachRecording(db.ds, built.deps.storage, other, 'lost_parcel', 1);
    recordingPath = `/api/v1/recordings/${file.scenarioResultIds.lost_parcel}`;
    otherRecordingPath = `/api/v1/recordings/${other.scenarioResultIds.lost_parcel}`;
  });

  const search = async (q: string, viewer: keyof typeof PEOPLE = 'supGeneral') => {
    const res = await request(built.server).get(`/api/v1/applications?q=${encodeURIComponent(q)}`).set(await bearer(built.deps, PEOPLE[viewer]));
    expect(res.status).toBe(200);
    return res.body.data.items as ApplicationSummary[];
  };
  const audits = (action: string) => db.ds.getRepository(AuditEntry).find({ where: { action }, order: { createdAt: 'ASC' } });
  const getRecording = (url: string, headers: Record<string, string> = {}) => request(built.server).get(url).set(headers).buffer(true).parse(binary);
  const linkFor = async (viewer: keyof typeof PEOPLE = 'supGeneral', path = recordingPath) => {
    const res = await request(built.server).get(`${path}/link`).set(await bearer(built.deps, PEOPLE[viewer]));
    expect(res.status).toBe(200);
    return res.body.data.url as string;
  };
  const errorOf = (res: { status: number; body: unknown }) => [res.status, JSON.parse((res.body as Buffer).toString('utf8')).error.code];

  it('phone oracle: a supervisor cannot extend the visible last four digits by one more digit', async () => {
    expect((await search('8000')).map((i) => i.phone)).toEqual(['138****8000']);
    // The attack: try every digit before the visible four; the real one (4) must answer like the rest.
    for (let digit = 0; digit <= 9; digit++) expect(await search(`${digit}8000`), `q=${digit}8000`).toEqual([]);
    for (const q of ['348000', '2348000', PHONE, '4-8000', '1381234 8000']) expect(await search(q), `q=${q}`).toEqual([]);
  });

  it('phone oracle: HR and admin keep the full phone search', async () => {
    for (const viewer of ['hr', 'admin'] as const) {
      expect((await search('48000', viewer)).map((i) => i.phone)).toEqual([PHONE]);
      expect((await search(PHONE, viewer)).map((i) => i.phone)).toEqual([PHONE]);
    }
  });

  it('search audit: every search leaves who, the query, the filters and the matches', async () => {
    const token = await tokenFor(built.deps, PEOPLE.supGeneral);
    const res = await request(built.server).get('/api/v1/applications?q=48000&stage=in_review&limit=5').set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const first = clock.now();
    clock.advance(1000);
    await request(built.server).get('/api/v1/applications?q=8000').set('Authorization', `Bearer ${token}`);
    await request(built.server).get('/api/v1/applications').set('Authorization', `Bearer ${token}`);

    const entries = await audits('applications.searched');
    expect(entries.map((e) => [e.actorId, e.details])).toEqual([
      ['sup_general', { q: '48000', filters: { stage: 'in_review' }, page: 'first', limit: 5, matched: 0 }],
      ['sup_general', { q: '8000', filters: {}, page: 'first', limit: 20, matched: 1 }],
    ]);
    expect(entries[0]!.createdAt).toEqual(first);
  });

  it('Range bypass: a download that starts at byte 1 is audited like a play', async () => {
    const res = await getRecording(recordingPath, { ...(await bearer(built.deps, PEOPLE.supGeneral)), Range: 'bytes=1-' });
    expect(res.status).toBe(206);
    expect((await audits('recording.played')).map((e) => [e.actorId, e.subjectId, e.details?.from])).toEqual([['sup_general', file.scenarioResultIds.lost_parcel, 1]]);
  });

  it('a session token in the URL (?access_token=) is not accepted, and nothing is read or audited', async () => {
    const token = await tokenFor(built.deps, PEOPLE.supGeneral);
    const res = await getRecording(`${recordingPath}?access_token=${encodeURIComponent(token)}`);
    expect(errorOf(res)).toEqual([401, 'unauthenticated']);
    expect(await audits('recording.played')).toEqual([]);
  });

  it('an expired link is refused with 401 link_expired', async () => {
    const url = await linkFor();
    clock.advance(RECORDING_LINK_TTL_SECONDS * 1000);
    expect(errorOf(await getRecording(url))).toEqual([401, 'link_expired']);
    expect(await audits('recording.played')).toEqual([]);
  });

  it("a link for one recording does not open another one (even a recording its user may hear)", async () => {
    const url = new URL(await linkFor(), 'http://x');
    const res = await getRecording(`${otherRecordingPath}${url.search}`);
    expect(errorOf(res)).toEqual([403, 'bad_link']);
    expect(await audits('recording.played')).toEqual([]);
  });

  it.each([
    ['another user', (p: URLSearchParams) => p.set('u', 'hr01')],
    ['a later expiry', (p: URLSearchParams) => p.set('exp', String(Number(p.get('exp')) + 60))],
    ['a changed signature', (p: URLSearchParams) => p.set('sig', `${p.get('sig')!.slice(0, -1)}${p.get('sig')!.endsWith('0') ? '1' : '0'}`)],
    ['no signature', (p: URLSearchParams) => p.delete('sig')],
  ])('a tampered link (%s) is refused with 403 bad_link', async (_what, tamper) => {
    const url = new URL(await linkFor(), 'http://x');
    tamper(url.searchParams);
    expect(errorOf(await getRecording(`${url.pathname}?${url.searchParams.toString()}`))).toEqual([403, 'bad_link']);
    expect(await audits('recording.played')).toEqual([]);
  });

  it('a link signed with another key or for another purpose is refused', async () => {
    const parts = { scenarioResultId: file.scenarioResultIds.lost_parcel!, userId: 'sup_general', exp: Math.floor(clock.now().getTime() / 1000) + 60 };
    for (const secret of ['some-other-secret-0123456789', built.deps.settings.ingestSecret]) {
      expect(errorOf(await getRecording(recordingLinkUrl(parts, signRecordingLink(secret, parts))))).toEqual([403, 'bad_link']);
    }
    // Control: the same parts signed with the session secret play.
    expect((await getRecording(recordingLinkUrl(parts, signRecordingLink(built.deps.settings.sessionSecret, parts)))).status).toBe(200);
  });

  it('a link dies with its user: deleted users get 403 bad_link', async () => {
    const url = await linkFor();
    await db.ds.getRepository(User).delete({ dingtalkUserId: 'sup_general' });
    expect(errorOf(await getRecording(url))).toEqual([403, 'bad_link']);
    expect(await audits('recording.played')).toEqual([]);
  });

  it('a link stops working when its user may no longer see the file (404)', async () => {
    const url = await linkFor();
    await db.ds.getRepository(Position).update({ code: 'CS-GENERAL' }, { supervisorUserIds: ['sup_someone_else'] });
    expect(errorOf(await getRecording(url))).toEqual([404, 'not_found']);
    expect(await audits('recording.played')).toEqual([]);
  });

  it('a link is not a session: its parameters open no other endpoint', async () => {
    const { search: query } = new URL(await linkFor(), 'http://x');
    const res = await request(built.server).get(`/api/v1/applications/${file.applicationId}${query}`);
    expect([res.status, res.body.error.code]).toEqual([401, 'unauthenticated']);
    expect(await audits('application.viewed')).toEqual([]);
  });

  it('no link for a recording outside the viewer’s scope', async () => {
    const res = await request(built.server).get(`${recordingPath}/link`).set(await bearer(built.deps, PEOPLE.supFresh));
    expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
    const anonymous = await request(built.server).get(`${recordingPath}/link`);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'unauthenticated']);
  });
});
