import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createServer, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, expect, it } from 'vitest';
import { countRows, describeEachDb } from '../../test/db.js';
import { createTestPosition, samplePayload } from '../../test/factories.js';
import { ingestFile, insertPendingReview, insertUsers, type IngestedFile } from '../../test/fixtures.js';
import { buildTestApp, signedHeaders } from '../../test/testApp.js';
import { AuditEntry, RecordingVersion, ScenarioResult } from '../platform/db/entities/index.js';
import { sha256Hex } from '../platform/hash.js';
import { STAGING_DIR, createLocalStorage } from '../platform/storage/storage.js';
import { decideReview } from '../review/index.js';

const MiB = 1024 * 1024;

/** A small, structurally valid mono 8 kHz WAV file; `seed` varies the bytes. */
function wav({ seconds, seed }: { seconds: number; seed: number }): Buffer {
  const samples = seconds * 8000;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin(i * 0.01 * seed) * 8000), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
const INGEST = '/api/v1/interview-results';
const recordingPath = (file: IngestedFile, scenarioId = 'lost_parcel') => `${INGEST}/${file.interviewId}/scenarios/${scenarioId}/recording`;
/** Right form, wrong value: what an anonymous client can send. */
const BOGUS_SIGNATURE = `sha256=${'0'.repeat(64)}`;

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: { error?: { code: string; message: string }; data?: Record<string, unknown> };
}

/**
 * One attack per test, each against the real app on a real port (so bodies can be streamed, held and
 * cut off), and each checking that nothing was written: rows, recordings, versions, staged files.
 */
describeEachDb('vendor API under attack', (db) => {
  let listening: Server | undefined;
  afterEach(async () => {
    listening?.closeAllConnections();
    await new Promise<void>((resolve) => (listening ? listening.close(() => resolve()) : resolve()));
    listening = undefined;
  });

  async function start(env: Record<string, string> = {}) {
    await createTestPosition(db.ds);
    const root = mkdtempSync(join(tmpdir(), 'aireview-sec-'));
    const built = buildTestApp(db.ds, { storage: createLocalStorage(root) }, env);
    const server = createServer(built.app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    listening = server;
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    /** Files being received right now (the staging area of the storage). */
    const staged = () => {
      try {
        return readdirSync(join(root, STAGING_DIR)).map((name) => statSync(join(root, STAGING_DIR, name)).size);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
    };
    /** A validly signed upload of `audio` to `path`; returns the response and the headers that signed it. */
    const upload = async (path: string, audio: Buffer) => {
      const headers = { 'Content-Type': 'audio/wav', ...signedHeaders({ method: 'PUT', path, body: audio }) };
      return { res: await request(url).put(path).set(headers).send(audio), headers };
    };
    return { ...built, url, staged, upload };
  }

  /** A request whose body the test writes (or withholds) itself. */
  function open(url: string, method: string, path: string, headers: Record<string, string | number>): { req: ClientRequest; answer: Promise<Answer> } {
    const req = httpRequest(`${url}${path}`, { method, headers, agent: false });
    const answer = new Promise<Answer>((resolve, reject) => {
      req.once('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }));
        res.once('error', reject);
      });
      req.once('error', reject);
    });
    answer.catch(() => undefined); // a request the test cuts off has no answer
    return { req, answer };
  }

  /** Write `bytes` of filler with backpressure: the client never holds the body either. */
  async function writeFiller(req: ClientRequest, bytes: number): Promise<void> {
    const chunk = Buffer.alloc(MiB, 0x5a);
    for (let left = bytes; left > 0; left -= chunk.length) {
      if (!req.write(left >= chunk.length ? chunk : chunk.subarray(0, left))) await once(req, 'drain');
    }
  }

  async function recordingOf(file: IngestedFile, scenarioId = 'lost_parcel') {
    return db.ds.getRepository(ScenarioResult).findOneByOrFail({ id: file.scenarioResultIds[scenarioId]! });
  }

  it('(a) refuses a captured, validly signed upload replayed onto another candidate or scenario (401 bad_signature); the target is unchanged', async () => {
    const app = await start();
    const victim = await ingestFile(db.ds);
    const attacker = await ingestFile(db.ds);
    const original = wav({ seconds: 1, seed: 1 });
    expect((await app.upload(recordingPath(victim), original)).res.status).toBe(201);
    const captured = await app.upload(recordingPath(attacker), wav({ seconds: 1, seed: 2 }));
    expect(captured.res.status).toBe(201);
    const forged = wav({ seconds: 1, seed: 2 });
    const victimBefore = await recordingOf(victim);
    const rows = await countRows(db.ds);

    for (const target of [recordingPath(victim), recordingPath(victim, 'angry_escalation'), recordingPath(attacker, 'angry_escalation'), `${recordingPath(attacker)}?replay=1`]) {
      const res = await request(app.url).put(target).set(captured.headers).send(forged);
      expect([target, res.status, res.body.error.code]).toEqual([target, 401, 'bad_signature']);
    }

    expect(await recordingOf(victim)).toEqual(victimBefore);
    expect((await recordingOf(victim, 'angry_escalation')).recordingKey).toBeNull();
    expect(await app.deps.storage.size(victimBefore.recordingKey!)).toBe(original.length);
    expect(await countRows(db.ds)).toEqual(rows);
    expect(app.staged()).toEqual([]);
  });

  it('(b) refuses a signed JSON ingestion replayed with another method or path (401 bad_signature), writing nothing', async () => {
    const app = await start();
    const body = JSON.stringify(samplePayload());
    const json = { 'Content-Type': 'application/json' };
    const rows = await countRows(db.ds);

    const otherPath = await request(app.url).post(`${INGEST}?replay=1`).set(json).set(signedHeaders({ method: 'POST', path: INGEST, body })).send(body);
    const otherMethod = await request(app.url).post(INGEST).set(json).set(signedHeaders({ method: 'PUT', path: INGEST, body })).send(body);
    const capturedPut = signedHeaders({ method: 'PUT', path: `${INGEST}/itv-1/scenarios/lost_parcel/recording`, body });
    const otherRequest = await request(app.url).post(INGEST).set(json).set(capturedPut).send(body);

    for (const res of [otherPath, otherMethod, otherRequest]) expect([res.status, res.body.error.code]).toEqual([401, 'bad_signature']);
    expect(await countRows(db.ds)).toEqual(rows);
    // The same bytes signed for this very request are fine: only the binding was wrong.
    const genuine = await request(app.url).post(INGEST).set(json).set(signedHeaders({ method: 'POST', path: INGEST, body })).send(body);
    expect(genuine.status).toBe(201);
  });

  it('(c) answers a request without signature headers with 401 bad_signature naming the missing header', async () => {
    const app = await start();
    const file = await ingestFile(db.ds);
    const audio = wav({ seconds: 1, seed: 3 });
    const body = JSON.stringify(samplePayload());
    const rows = await countRows(db.ds);
    const put = signedHeaders({ method: 'PUT', path: recordingPath(file), body: audio });
    const post = signedHeaders({ method: 'POST', path: INGEST, body });

    const cases = [
      [request(app.url).post(INGEST).set('Content-Type', 'application/json').set({ 'X-Interview-Signature': post['X-Interview-Signature'] }).send(body), ['X-Interview-Timestamp']],
      [request(app.url).post(INGEST).set('Content-Type', 'application/json').set({ 'X-Interview-Timestamp': post['X-Interview-Timestamp'] }).send(body), ['X-Interview-Signature']],
      [request(app.url).put(recordingPath(file)).set('Content-Type', 'audio/wav').set({ 'X-Interview-Signature': put['X-Interview-Signature'] }).send(audio), ['X-Interview-Timestamp']],
      [request(app.url).put(recordingPath(file)).set('Content-Type', 'audio/wav').set({ 'X-Interview-Timestamp': put['X-Interview-Timestamp'] }).send(audio), ['X-Interview-Signature']],
      [request(app.url).put(recordingPath(file)).set('Content-Type', 'audio/wav').send(audio), ['X-Interview-Timestamp', 'X-Interview-Signature']],
    ] as const;
    for (const [pending, named] of cases) {
      const res = await pending;
      expect([res.status, res.body.error.code]).toEqual([401, 'bad_signature']);
      for (const header of ['X-Interview-Timestamp', 'X-Interview-Signature']) {
        expect(res.body.error.message.includes(header), `${res.body.error.message} names ${header}`).toBe((named as readonly string[]).includes(header));
      }
    }
    expect(await countRows(db.ds)).toEqual(rows);
    expect((await recordingOf(file)).recordingKey).toBeNull();
    expect(app.staged()).toEqual([]);
  });

  it('(d) streams an anonymous 49 MiB upload with a bogus signature to a staged file, refuses it with 401 and leaves nothing; over the cap it is 413 before any body byte', async () => {
    const app = await start();
    const file = await ingestFile(db.ds);
    const rows = await countRows(db.ds);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const anonymous = { 'Content-Type': 'audio/wav', 'X-Interview-Timestamp': timestamp, 'X-Interview-Signature': BOGUS_SIGNATURE };

    // Declared over the cap: answered from the headers alone, while the body is still withheld.
    const huge = open(app.url, 'PUT', recordingPath(file), { ...anonymous, 'Content-Length': 50 * MiB + 1 });
    huge.req.flushHeaders();
    const tooLarge = await huge.answer;
    expect([tooLarge.status, tooLarge.body.error?.code]).toEqual([413, 'payload_too_large']);
    huge.req.destroy();
    expect(app.staged()).toEqual([]);

    // Under the cap: the body goes to disk as it arrives, not into memory, and is deleted after the 401.
    const size = 49 * MiB;
    const big = open(app.url, 'PUT', recordingPath(file), { ...anonymous, 'Content-Length': size });
    await writeFiller(big.req, 16 * MiB);
    await expect.poll(() => app.staged()[0] ?? 0, { timeout: 10_000 }).toBeGreaterThan(4 * MiB);
    expect(app.staged()).toHaveLength(1);
    await writeFiller(big.req, size - 16 * MiB);
    big.req.end();
    const refused = await big.answer;
    expect([refused.status, refused.body.error?.code]).toEqual([401, 'bad_signature']);

    expect(app.staged()).toEqual([]);
    expect((await recordingOf(file)).recordingKey).toBeNull();
    expect(await countRows(db.ds)).toEqual(rows);
  });

  it('(e) answers the (uploadsPerClient+1)th concurrent upload of a client with 429 and Retry-After, and frees the slots however uploads end', async () => {
    const app = await start();
    const file = await ingestFile(db.ds);
    const max = app.deps.settings.limits.uploadsPerClient;
    expect(max).toBe(4);
    const holdUploads = async () => {
      const held = Array.from({ length: max }, () => {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const upload = open(app.url, 'PUT', recordingPath(file), { 'Content-Type': 'audio/wav', 'Content-Length': 2 * MiB, 'X-Interview-Timestamp': timestamp, 'X-Interview-Signature': BOGUS_SIGNATURE });
        upload.req.write(Buffer.alloc(64 * 1024));
        return upload;
      });
      // Every held upload is inside the server, streaming into its staged file.
      await expect.poll(() => app.staged().length, { timeout: 10_000 }).toBe(max);
      return held;
    };
    const audio = wav({ seconds: 1, seed: 4 });
    const held = await holdUploads();
    const rows = await countRows(db.ds);

    const extra = await app.upload(recordingPath(file), audio);
    expect([extra.res.status, extra.res.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(extra.res.headers['retry-after'])).toBeGreaterThan(0);
    expect(await countRows(db.ds)).toEqual(rows);

    // One ends with a refusal, the others are cut off by the client: every slot comes back.
    const [finished, ...cut] = held;
    await writeFiller(finished!.req, 2 * MiB - 64 * 1024);
    finished!.req.end();
    expect((await finished!.answer).status).toBe(401);
    for (const upload of cut) upload.req.destroy();
    await expect.poll(() => app.staged().length, { timeout: 10_000 }).toBe(0);
    const again = await holdUploads();
    for (const upload of again) upload.req.destroy();
    await expect.poll(() => app.staged().length, { timeout: 10_000 }).toBe(0);

    const later = await app.upload(recordingPath(file), audio);
    expect(later.res.status).toBe(201);
  });

  it('(f) refuses to replace a recording once the round is decided (409 recording_locked), the file unchanged', async () => {
    const app = await start();
    await insertUsers(db.ds);
    const file = await ingestFile(db.ds);
    const evidence = wav({ seconds: 1, seed: 5 });
    expect((await app.upload(recordingPath(file), evidence)).res.status).toBe(201);
    const reviewId = await insertPendingReview(db.ds, file, ['sup_general']);
    await decideReview(app.deps, { review: { id: reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree', remark: '听过录音' });
    const before = await recordingOf(file);
    const rows = await countRows(db.ds);

    const replaced = await app.upload(recordingPath(file), wav({ seconds: 1, seed: 6 }));
    expect([replaced.res.status, replaced.res.body.error.code]).toEqual([409, 'recording_locked']);

    expect(await recordingOf(file)).toEqual(before);
    expect(before.recordingSha256).toBe(sha256Hex(evidence));
    expect(await app.deps.storage.size(before.recordingKey!)).toBe(evidence.length);
    expect(await countRows(db.ds)).toEqual(rows);
    expect(app.staged()).toEqual([]);
    // The same bytes again replace nothing and stay a no-op.
    expect((await app.upload(recordingPath(file), evidence)).res.body.data.status).toBe('unchanged');
  });

  it('(f) before a decision, a replacement keeps the previous recording as a version, its file stored, and audits both hashes', async () => {
    const app = await start();
    const file = await ingestFile(db.ds);
    const first = wav({ seconds: 1, seed: 7 });
    const second = wav({ seconds: 2, seed: 8 });
    expect((await app.upload(recordingPath(file), first)).res.status).toBe(201);
    const original = await recordingOf(file);

    const replaced = await app.upload(recordingPath(file), second);
    expect([replaced.res.status, replaced.res.body.data.status]).toEqual([200, 'replaced']);

    const current = await recordingOf(file);
    expect([current.recordingSha256, current.recordingBytes]).toEqual([sha256Hex(second), second.length]);
    const versions = await db.ds.getRepository(RecordingVersion).findBy({ scenarioResultId: current.id });
    expect(versions).toEqual([expect.objectContaining({
      version: 1, recordingKey: original.recordingKey, recordingSha256: sha256Hex(first), recordingBytes: first.length,
      recordingContentType: 'audio/wav', replacedBySha256: sha256Hex(second),
    })]);
    expect(await app.deps.storage.size(original.recordingKey!)).toBe(first.length);
    expect(await app.deps.storage.size(current.recordingKey!)).toBe(second.length);
    const audit = await db.ds.getRepository(AuditEntry).findOneByOrFail({ action: 'recording.replaced', subjectId: current.id });
    expect(audit.details).toMatchObject({ previousSha256: sha256Hex(first), sha256: sha256Hex(second), previousVersion: 1 });
    expect(app.staged()).toEqual([]);
  });
});
