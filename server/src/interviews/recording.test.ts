import request from 'supertest';
import { expect, it } from 'vitest';
import { InterviewRound, ScenarioResult } from '../platform/db/entities/index.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { createTestPosition, samplePayload } from '../../test/factories.js';
import { buildTestApp, signedHeaders } from '../../test/testApp.js';

/** A tiny but structurally valid WAV file. */
function wav(samples: number, seed = 1): Buffer {
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin(i * 0.05 * seed) * 8000), i * 2);
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

describeEachDb('PUT recording', (db) => {
  async function setup(overrides: Parameters<typeof samplePayload>[0] = {}) {
    await createTestPosition(db.ds);
    const built = buildTestApp(db.ds);
    const payload = samplePayload(overrides);
    const body = JSON.stringify(payload);
    const res = await request(built.server).post('/api/v1/interview-results').set('Content-Type', 'application/json').set(signedHeaders({ method: 'POST', path: '/api/v1/interview-results', body })).send(body);
    expect(res.status).toBe(201);
    return { ...built, payload };
  }
  const put = (server: Parameters<typeof request>[0], path: string, audio: Buffer, type = 'audio/wav', headers: Record<string, string> = signedHeaders({ method: 'PUT', path, body: audio })) =>
    request(server).put(path).set('Content-Type', type).set(headers).send(audio);

  it('stores a recording through the storage interface; the same bytes again are a no-op; new bytes replace it and keep the old file', async () => {
    const { server, payload, deps } = await setup();
    const path = `/api/v1/interview-results/${payload.interviewId}/scenarios/lost_parcel/recording`;
    const audio = wav(4000);
    const first = await put(server, path, audio);
    expect(first.status).toBe(201);
    expect(first.body.data).toMatchObject({ bytes: audio.length, contentType: 'audio/wav', status: 'created' });
    const row = await db.ds.getRepository(ScenarioResult).findOneByOrFail({ scenarioId: 'lost_parcel' });
    expect(row.recordingBytes).toBe(audio.length);
    expect(await deps.storage.size(row.recordingKey!)).toBe(audio.length);

    const again = await put(server, path, audio);
    expect(again.status).toBe(200);
    expect(again.body.data.status).toBe('unchanged');

    const other = wav(3000, 2);
    const replaced = await put(server, path, other);
    expect(replaced.body.data.status).toBe('replaced');
    const updated = await db.ds.getRepository(ScenarioResult).findOneByOrFail({ scenarioId: 'lost_parcel' });
    expect(updated.recordingBytes).toBe(other.length);
    expect(updated.recordingKey).not.toBe(row.recordingKey);
    expect(await deps.storage.size(row.recordingKey!)).toBe(audio.length);
  });

  it('stores the consent with the round', async () => {
    const { payload } = await setup();
    const round = await db.ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: payload.interviewId });
    expect(round.recordingConsent).toBe('given');
    expect(round.assessmentNoticeAt?.toISOString()).toBe('2026-11-20T01:55:00.000Z');
  });

  it.each([
    ['refused', { recording: false, automatedAssessmentNotice: '2026-11-20T09:55:00+08:00' }],
    ['absent', undefined],
  ] as const)('refuses a recording without the candidate’s consent (%s): 409 no_recording_consent, nothing stored', async (state, consent) => {
    const { server, payload } = await setup({ candidate: { externalId: `ext-consent-${state}`, name: '周敏', consent } });
    const round = await db.ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: payload.interviewId });
    expect(round.recordingConsent).toBe(state);
    const before = await countRows(db.ds);
    const res = await put(server, `/api/v1/interview-results/${payload.interviewId}/scenarios/lost_parcel/recording`, wav(4000));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'no_recording_consent', details: { recordingConsent: state } });
    expect(await countRows(db.ds)).toEqual(before);
    expect((await db.ds.getRepository(ScenarioResult).findOneByOrFail({ roundId: round.id, scenarioId: 'lost_parcel' })).recordingKey).toBeNull();
  });

  it('a round stored before consent was recorded is unknown, never assumed given: no recording', async () => {
    const { server, payload } = await setup();
    await db.ds.getRepository(InterviewRound).update({ interviewId: payload.interviewId }, { recordingConsent: 'unknown' });
    const res = await put(server, `/api/v1/interview-results/${payload.interviewId}/scenarios/lost_parcel/recording`, wav(4000));
    expect(res.body.error.code).toBe('no_recording_consent');
  });

  it('refuses bytes that are not the declared audio type (415)', async () => {
    const { server, payload } = await setup();
    const before = await countRows(db.ds);
    const res = await put(server, `/api/v1/interview-results/${payload.interviewId}/scenarios/lost_parcel/recording`, Buffer.from('OggS not really a wav file....'), 'audio/wav');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('unsupported_media_type');
    expect(await countRows(db.ds)).toEqual(before);
  });

  it('refuses a non-audio content type (415)', async () => {
    const { server, payload } = await setup();
    const res = await put(server, `/api/v1/interview-results/${payload.interviewId}/scenarios/lost_parcel/recording`, wav(100), 'application/octet-stream');
    expect(res.status).toBe(415);
  });

  it('answers 404 unknown_interview and unknown_scenario', async () => {
    const { server, payload } = await setup();
    const audio = wav(100);
    const a = await put(server, '/api/v1/interview-results/nope/scenarios/lost_parcel/recording', audio);
    expect([a.status, a.body.error.code]).toEqual([404, 'unknown_interview']);
    const b = await put(server, `/api/v1/interview-results/${payload.interviewId}/scenarios/nope/recording`, audio);
    expect([b.status, b.body.error.code]).toEqual([404, 'unknown_scenario']);
  });

  it('refuses an unsigned upload (401) and one over 50 MiB (413)', async () => {
    const { server, payload } = await setup();
    const path = `/api/v1/interview-results/${payload.interviewId}/scenarios/lost_parcel/recording`;
    const audio = wav(100);
    const unsigned = await put(server, path, audio, 'audio/wav', { ...signedHeaders({ method: 'PUT', path, body: audio }), 'X-Interview-Signature': 'sha256=' + '0'.repeat(64) });
    expect([unsigned.status, unsigned.body.error.code]).toEqual([401, 'bad_signature']);
    const huge = Buffer.alloc(50 * 1024 * 1024 + 1);
    wav(10).copy(huge);
    const tooBig = await put(server, path, huge);
    expect([tooBig.status, tooBig.body.error.code]).toEqual([413, 'payload_too_large']);
    const row = await db.ds.getRepository(ScenarioResult).findOneByOrFail({ scenarioId: 'lost_parcel' });
    expect(row.recordingKey).toBeNull();
  });
});
