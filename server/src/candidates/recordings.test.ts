import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { manualClock } from '../platform/clock.js';
import { AuditEntry } from '../platform/db/entities/index.js';
import { describeEachDb } from '../../test/db.js';
import { buildTestApp } from '../../test/testApp.js';
import { PEOPLE, attachRecording, bearer, binary, createDemoPositions, ingestFile, insertUsers } from '../../test/fixtures.js';
import { RECORDING_AUDIT_WINDOW_MS } from './openRecording.js';

/** Recordings for the in-app player: whole file, byte ranges, 416, links, and one audit entry per user and 10 minutes. */
describeEachDb('app API recordings', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  let audio: Buffer;
  let path: string;
  let clock: ReturnType<typeof manualClock>;
  const get = async (range?: string, viewer: keyof typeof PEOPLE = 'supGeneral') => {
    const req = request(built.server).get(path).set(await bearer(built.deps, PEOPLE[viewer])).buffer(true).parse(binary);
    return range ? req.set('Range', range) : req;
  };
  const plays = () => db.ds.getRepository(AuditEntry).find({ where: { action: 'recording.played' }, order: { createdAt: 'ASC' } });

  beforeEach(async () => {
    clock = manualClock();
    built = buildTestApp(db.ds, { clock });
    // supertest may close its socket before the server sees a streamed response finish; Koa would print that race.
    built.app.silent = true;
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    const file = await ingestFile(db.ds);
    audio = await attachRecording(db.ds, built.deps.storage, file, 'lost_parcel', 2);
    path = `/api/v1/recordings/${file.scenarioResultIds.lost_parcel}`;
  });

  it('streams the whole recording with its type, length and Accept-Ranges', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/wav');
    expect(res.headers['content-length']).toBe(String(audio.length));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(Buffer.compare(res.body as Buffer, audio)).toBe(0);
  });

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=100-', 100, -1],
    ['bytes=-50', -50, -1],
    ['bytes=1000-1999', 1000, 1999],
  ])('answers %s with 206 and exactly those bytes', async (range, start, end) => {
    const from = start < 0 ? audio.length + start : start;
    const to = end < 0 ? audio.length - 1 : end;
    const res = await get(range);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${from}-${to}/${audio.length}`);
    expect(res.headers['content-length']).toBe(String(to - from + 1));
    expect(Buffer.compare(res.body as Buffer, audio.subarray(from, to + 1))).toBe(0);
  });

  it('answers a range beyond the end with 416 range_not_satisfiable and the size', async () => {
    const res = await get(`bytes=${audio.length}-`);
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${audio.length}`);
    expect(JSON.parse((res.body as Buffer).toString('utf8')).error.code).toBe('range_not_satisfiable');
  });

  it("audits a user's reads of a recording once per 10 minutes, whatever their ranges", async () => {
    expect((await get('bytes=0-')).status).toBe(206);
    expect((await get(`bytes=${Math.floor(audio.length / 2)}-`)).status).toBe(206);
    expect((await get('bytes=100-200')).status).toBe(206);
    expect((await get()).status).toBe(200);
    const entries = await plays();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: 'user', actorId: 'sup_general', subjectType: 'scenario_result', details: { from: 0, via: 'session' } });

    clock.advance(RECORDING_AUDIT_WINDOW_MS - 1000);
    expect((await get('bytes=100-')).status).toBe(206);
    expect(await plays()).toHaveLength(1);
    clock.advance(2000);
    expect((await get('bytes=100-')).status).toBe(206);
    expect((await plays()).map((e) => e.details)).toEqual([expect.objectContaining({ from: 0 }), expect.objectContaining({ from: 100 })]);

    expect((await get(undefined, 'hr')).status).toBe(200);
    expect((await plays()).filter((e) => e.actorId === 'hr01')).toHaveLength(1);
  });

  it('gives a signed-in viewer a 5-minute link that plays without a session, audited as read by link', async () => {
    const res = await request(built.server).get(`${path}/link`).set(await bearer(built.deps, PEOPLE.supGeneral));
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { url, expiresAt } = res.body.data as { url: string; expiresAt: string };
    expect(url).toMatch(new RegExp(`^${path}\\?u=sup_general&exp=\\d+&sig=[0-9a-f]{64}$`));
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBeGreaterThan(4 * 60_000);
    expect(Date.parse(expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(5 * 60_000);
    expect(Number(new URL(url, 'http://x').searchParams.get('exp')) * 1000).toBe(Date.parse(expiresAt));

    const played = await request(built.server).get(url).set('Range', 'bytes=0-99').buffer(true).parse(binary);
    expect(played.status).toBe(206);
    expect(Buffer.compare(played.body as Buffer, audio.subarray(0, 100))).toBe(0);
    expect((await plays()).map((e) => [e.actorId, e.details])).toEqual([['sup_general', expect.objectContaining({ via: 'link' })]]);
  });

  it('refuses a link to a viewer who may not see the file (404), like the recording itself', async () => {
    const res = await request(built.server).get(`${path}/link`).set(await bearer(built.deps, PEOPLE.supFresh));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('HEAD answers the headers without a body or an audit entry', async () => {
    const res = await request(built.server).head(path).set(await bearer(built.deps, PEOPLE.hr));
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(audio.length));
    expect(await plays()).toHaveLength(0);
  });

  it('is 404 for a supervisor of another department, and writes no audit entry', async () => {
    const res = await get(undefined, 'supFresh');
    expect(res.status).toBe(404);
    expect(await plays()).toHaveLength(0);
  });
});
