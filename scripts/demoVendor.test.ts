import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InterviewResultSchema, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@aireview/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { signRequest, verifyRequest } from '../server/src/platform/signature.js';
import type { VendorSupplementaryRequest } from '../server/src/review/index.js';
import { answerFor, startDemoVendor, type RunningDemoVendor } from './demoVendor.js';

const INGEST_SECRET = 'demo-vendor-ingest-secret-0123456789';
const WEBHOOK_SECRET = 'demo-vendor-webhook-secret-0123456789';
const REQUEST: VendorSupplementaryRequest = {
  requestId: '3f2a9c1e-0000-4000-8000-000000000001',
  kind: 'supplementary',
  interviewId: 'itv-1',
  candidate: { externalId: 'ext-1', name: '刘晓燕' },
  positionCode: 'CS-GENERAL',
  scenarios: [{ scenarioId: 'cross_department', title: '跨部门协作' }],
  remark: null,
  requestedBy: { userId: 'sup_general', name: '张伟' },
  requestedAt: '2026-11-25T08:00:00.000Z',
};

let ourServer: Server;
let pushed: { url: string | undefined; headers: Record<string, string | string[] | undefined>; body: string }[];
let vendor: RunningDemoVendor;

beforeEach(async () => {
  pushed = [];
  ourServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      pushed.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(201).end('{}');
    });
  });
  await new Promise<void>((resolve) => ourServer.listen(0, '127.0.0.1', resolve));
  vendor = await startDemoVendor({ serverUrl: `http://127.0.0.1:${(ourServer.address() as AddressInfo).port}`, ingestSecret: INGEST_SECRET, webhookSecret: WEBHOOK_SECRET, delayMs: 10 });
});
afterEach(async () => {
  await vendor.close();
  await new Promise<void>((resolve) => ourServer.close(() => resolve()));
});

/** Our webhook as sendVendorRequest signs it; `signedFor` lets a test sign another secret, method or path. */
function post(body: string, signedFor: { secret?: string; method?: string; path?: string; timestamp?: number } = {}) {
  const timestamp = String(signedFor.timestamp ?? Math.floor(Date.now() / 1000));
  const url = new URL(vendor.url);
  const signature = signRequest({ secret: signedFor.secret ?? WEBHOOK_SECRET, timestamp, method: signedFor.method ?? 'POST', pathWithQuery: signedFor.path ?? url.pathname, body });
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signature }, body });
}

it('answers a signed request with a signed, valid round carrying the request id', async () => {
  expect((await post(JSON.stringify(REQUEST))).status).toBe(202);
  await expect.poll(() => pushed.length).toBe(1);
  const [push] = pushed;
  const signed = { timestamp: String(push!.headers[TIMESTAMP_HEADER]), method: 'POST', pathWithQuery: '/api/v1/interview-results', body: push!.body, signature: String(push!.headers[SIGNATURE_HEADER]) };
  expect(push!.url).toBe('/api/v1/interview-results');
  expect(verifyRequest({ ...signed, secret: INGEST_SECRET })).toBe(true);
  expect(verifyRequest({ ...signed, secret: WEBHOOK_SECRET })).toBe(false);
  const round = InterviewResultSchema.parse(JSON.parse(push!.body));
  expect(round).toMatchObject({ requestId: REQUEST.requestId, positionCode: 'CS-GENERAL', candidate: { externalId: 'ext-1', name: '刘晓燕' } });
  expect(round.scenarios[0]).toMatchObject({ scenarioId: 'cross_department', title: '跨部门协作' });
});

it.each([
  ['another secret', { secret: 'another-secret-0123456789' }],
  ['the ingestion secret', { secret: INGEST_SECRET }],
  ['another method', { method: 'PUT' }],
  ['another path', { path: '/elsewhere' }],
  ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 301 }],
])('refuses a request signed with %s and pushes nothing', async (_name, signedFor) => {
  expect((await post(JSON.stringify(REQUEST), signedFor)).status).toBe(401);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(pushed).toHaveLength(0);
});

it('builds the same answer for the same request', () => {
  const at = new Date('2026-11-25T09:00:00Z');
  expect(answerFor(REQUEST, at)).toEqual(answerFor(REQUEST, at));
});
