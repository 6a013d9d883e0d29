import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InterviewResultSchema, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@aireview/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { signIngestBody, verifyIngestSignature } from '../server/src/platform/signature.js';
import type { VendorSupplementaryRequest } from '../server/src/review/index.js';
import { answerFor, startDemoVendor, type RunningDemoVendor } from './demoVendor.js';

const SECRET = 'demo-vendor-secret-0123456789';
const REQUEST: VendorSupplementaryRequest = {
  requestId: '3f2a9c1e-0000-4000-8000-000000000001',
  interviewId: 'itv-1',
  candidate: { externalId: 'ext-1', name: '刘晓燕' },
  positionCode: 'CS-GENERAL',
  scenarios: [{ scenarioId: 'cross_department', title: '跨部门协作' }],
  remark: null,
  requestedBy: { userId: 'sup_general', name: '张伟' },
  requestedAt: '2026-11-25T08:00:00.000Z',
};

let ourServer: Server;
let pushed: { headers: Record<string, string | string[] | undefined>; body: string }[];
let vendor: RunningDemoVendor;

beforeEach(async () => {
  pushed = [];
  ourServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pushed.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(201).end('{}');
    });
  });
  await new Promise<void>((resolve) => ourServer.listen(0, '127.0.0.1', resolve));
  vendor = await startDemoVendor({ serverUrl: `http://127.0.0.1:${(ourServer.address() as AddressInfo).port}`, secret: SECRET, delayMs: 10 });
});
afterEach(async () => {
  await vendor.close();
  await new Promise<void>((resolve) => ourServer.close(() => resolve()));
});

function post(body: string, secret = SECRET) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return fetch(vendor.url, { method: 'POST', headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signIngestBody(secret, timestamp, body) }, body });
}

it('answers a signed request with a signed, valid round carrying the request id', async () => {
  expect((await post(JSON.stringify(REQUEST))).status).toBe(202);
  await expect.poll(() => pushed.length).toBe(1);
  const [push] = pushed;
  expect(verifyIngestSignature(SECRET, String(push!.headers[TIMESTAMP_HEADER]), Buffer.from(push!.body), String(push!.headers[SIGNATURE_HEADER]))).toBe(true);
  const round = InterviewResultSchema.parse(JSON.parse(push!.body));
  expect(round).toMatchObject({ requestId: REQUEST.requestId, positionCode: 'CS-GENERAL', candidate: { externalId: 'ext-1', name: '刘晓燕' } });
  expect(round.scenarios[0]).toMatchObject({ scenarioId: 'cross_department', title: '跨部门协作' });
});

it('refuses a request signed with another secret and pushes nothing', async () => {
  expect((await post(JSON.stringify(REQUEST), 'another-secret-0123456789')).status).toBe(401);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pushed).toHaveLength(0);
});

it('builds the same answer for the same request', () => {
  const at = new Date('2026-11-25T09:00:00Z');
  expect(answerFor(REQUEST, at)).toEqual(answerFor(REQUEST, at));
});
