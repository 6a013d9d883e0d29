import request from 'supertest';
import { expect, it } from 'vitest';
import { InboundEvent } from '../db/entities/index.js';
import { createCallbackCrypto } from './callbackCrypto.js';
import { countRows, describeEachDb } from '../../../test/db.js';
import { buildTestApp } from '../../../test/testApp.js';

// Vector B of DINGTALK.md §2.5: a real check_url push for an internal app.
const VECTOR_B = {
  token: 'mryue',
  aesKey: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
  owner: 'ding6ccabc44d2c8d38b',
  signature: '03044561471240d4a14bb09372dfcfd4fd0e40cb',
  timestamp: '1608001896814',
  nonce: 'WL4PK6yA',
  encrypt: '0vJiX6vliEpwG3U45CtXqi+m8PXbQRARJ8p8BbDuD1EMTDf0jKpQ79QS93qEk7XHpP6u+oTTrd15NRPvNvmBKyDCYxxOK+HZeKju4yhELOFchzNukR+t8SB/qk4ROMu3',
};
const ENV = { DINGTALK_CALLBACK_TOKEN: VECTOR_B.token, DINGTALK_CALLBACK_AES_KEY: VECTOR_B.aesKey, DINGTALK_CALLBACK_OWNER_KEY: VECTOR_B.owner };
const dingtalk = createCallbackCrypto({ token: VECTOR_B.token, aesKey: VECTOR_B.aesKey, ownerKey: VECTOR_B.owner });

function push(server: Parameters<typeof request>[0], encrypt: string, opts: { signature?: string; timestamp?: string; nonce?: string; param?: string } = {}) {
  const timestamp = opts.timestamp ?? String(Date.now());
  const nonce = opts.nonce ?? 'n0nce123';
  const signature = opts.signature ?? dingtalk.signature(timestamp, nonce, encrypt);
  return request(server)
    .post(`/dingtalk/callback?${opts.param ?? 'msg_signature'}=${signature}&timestamp=${timestamp}&nonce=${nonce}`)
    .set('Content-Type', 'application/json')
    .send(JSON.stringify({ encrypt }));
}

const taskEvent = (eventId: string) =>
  JSON.stringify({ EventType: 'bpms_task_change', eventId, CorpId: 'ding1', processInstanceId: 'inst-1', processCode: 'PROC-1', type: 'finish', result: 'agree', taskId: 42, staffId: 'sup_general', finishTime: 1795600000000 });

describeEachDb('POST /dingtalk/callback', (db) => {
  it('answers the published check_url push with an encrypted, signed "success" and stores nothing', async () => {
    const { server } = buildTestApp(db.ds, {}, ENV);
    const res = await push(server, VECTOR_B.encrypt, { signature: VECTOR_B.signature, timestamp: VECTOR_B.timestamp, nonce: VECTOR_B.nonce });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['encrypt', 'msg_signature', 'nonce', 'timeStamp']);
    expect(dingtalk.verifySignature(res.body.msg_signature, res.body.timeStamp, res.body.nonce, res.body.encrypt)).toBe(true);
    expect(dingtalk.decrypt(res.body.encrypt)).toBe('success');
    expect((await countRows(db.ds)).inbound_events).toBe(0);
  });

  it('stores an event once, whatever the number of pushes, and accepts the legacy `signature` parameter and old timestamps', async () => {
    const { server } = buildTestApp(db.ds, {}, ENV);
    const encrypt = dingtalk.encrypt(taskEvent('evt-1'));
    expect((await push(server, encrypt)).status).toBe(200);
    expect((await push(server, encrypt, { param: 'signature', timestamp: '1445827045067' })).status).toBe(200);
    const events = await db.ds.getRepository(InboundEvent).find();
    expect(events.map((e) => [e.eventId, e.eventType, e.status])).toEqual([['evt-1', 'bpms_task_change', 'pending']]);
    expect(events[0]!.payload.processInstanceId).toBe('inst-1');
  });

  it('refuses a forged signature (401 bad_signature) without storing', async () => {
    const { server } = buildTestApp(db.ds, {}, ENV);
    const res = await push(server, dingtalk.encrypt(taskEvent('evt-2')), { signature: '0'.repeat(40) });
    expect([res.status, res.body.error.code]).toEqual([401, 'bad_signature']);
    expect((await countRows(db.ds)).inbound_events).toBe(0);
  });

  it('refuses a push for another app (400 wrong_owner)', async () => {
    const { server } = buildTestApp(db.ds, {}, ENV);
    const other = createCallbackCrypto({ token: VECTOR_B.token, aesKey: VECTOR_B.aesKey, ownerKey: 'dingotherapp' });
    const res = await push(server, other.encrypt(taskEvent('evt-3')));
    expect([res.status, res.body.error.code]).toEqual([400, 'wrong_owner']);
    expect((await countRows(db.ds)).inbound_events).toBe(0);
  });

  it('refuses a correctly signed but undecryptable body (400 undecryptable)', async () => {
    const { server } = buildTestApp(db.ds, {}, ENV);
    const res = await push(server, Buffer.alloc(64, 7).toString('base64'));
    expect([res.status, res.body.error.code]).toEqual([400, 'undecryptable']);
  });

  it('refuses a decryptable payload that is not an event (400 not_an_event)', async () => {
    const { server } = buildTestApp(db.ds, {}, ENV);
    const res = await push(server, dingtalk.encrypt('{"hello":"world"}'));
    expect([res.status, res.body.error.code]).toEqual([400, 'not_an_event']);
  });

  it('refuses a body without encrypt (400 bad_request) and non-JSON (400 malformed_json)', async () => {
    const { server } = buildTestApp(db.ds, {}, ENV);
    const a = await request(server).post('/dingtalk/callback?msg_signature=x&timestamp=1&nonce=n').set('Content-Type', 'application/json').send('{}');
    expect([a.status, a.body.error.code]).toEqual([400, 'bad_request']);
    const b = await request(server).post('/dingtalk/callback?msg_signature=x&timestamp=1&nonce=n').set('Content-Type', 'application/json').send('{nope');
    expect([b.status, b.body.error.code]).toEqual([400, 'malformed_json']);
  });
});
