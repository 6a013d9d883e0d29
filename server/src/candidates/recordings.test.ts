import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { AuditEntry } from '../platform/db/entities/index.js';
import { describeEachDb } from '../../test/db.js';
import { buildTestApp } from '../../test/testApp.js';
import { PEOPLE, attachRecording, bearer, binary, createDemoPositions, ingestFile, insertUsers } from '../../test/fixtures.js';

/** Recordings for the in-app player: whole file, byte ranges, 416, and one audit entry per play. */
describeEachDb('app API recordings', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  let audio: Buffer;
  let path: string;
  const get = (range?: string, viewer: keyof typeof PEOPLE = 'supGeneral') => {
    const req = request(built.server).get(path).set(bearer(built.deps, PEOPLE[viewer])).buffer(true).parse(binary);
    return range ? req.set('Range', range) : req;
  };
  const plays = () => db.ds.getRepository(AuditEntry).findBy({ action: 'recording.played' });

  beforeEach(async () => {
    built = buildTestApp(db.ds);
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

  it('audits a play once: the request from byte 0, not the range requests that follow', async () => {
    expect((await get('bytes=0-')).status).toBe(206);
    expect((await get(`bytes=${Math.floor(audio.length / 2)}-`)).status).toBe(206);
    expect((await get('bytes=100-200')).status).toBe(206);
    const entries = await plays();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: 'user', actorId: 'sup_general', subjectType: 'scenario_result' });
    await get();
    expect(await plays()).toHaveLength(2);
  });

  it('HEAD answers the headers without a body or an audit entry', async () => {
    const res = await request(built.server).head(path).set(bearer(built.deps, PEOPLE.hr));
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
