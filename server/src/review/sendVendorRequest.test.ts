import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { ingestFile, insertPendingReview, insertUsers } from '../../test/fixtures.js';
import { buildTestDeps, TEST_INGEST_SECRET, TEST_VENDOR_WEBHOOK_SECRET } from '../../test/testApp.js';
import { fixedClock } from '../platform/clock.js';
import { SupplementaryRequest } from '../platform/db/entities/index.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { verifyRequest } from '../platform/signature.js';
import { decideReview } from './decideReview.js';
import { sendVendorRequest } from './sendVendorRequest.js';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SENT_AT = new Date('2026-11-21T08:00:00.000Z');

/** The `vendor.supplementary` handler, POSTing to a real local HTTP server that plays the vendor. */
describeEachDb('sendVendorRequest (vendor.supplementary)', (db) => {
  let server: Server;
  let webhookUrl: string;
  let received: Received[];
  let answerStatus: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(answerStatus, { 'content-type': 'application/json' });
        res.end(answerStatus === 204 ? undefined : JSON.stringify({ ok: answerStatus < 300 }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vendor/supplementary?tenant=acme`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
  });
  beforeEach(() => {
    received = [];
    answerStatus = 202;
  });

  /** sup_general asks in the app for two supplementary scenarios; returns the stored request. */
  async function supplementaryRequest(env: Record<string, string> = { VENDOR_WEBHOOK_URL: webhookUrl }) {
    await insertUsers(db.ds);
    await createTestPosition(db.ds);
    const file = await ingestFile(db.ds, { candidate: { externalId: 'boss-778899', name: '刘晓燕', phone: '13900001111', source: 'BOSS直聘' } });
    const reviewId = await insertPendingReview(db.ds, file, ['sup_general']);
    const deps = buildTestDeps(db.ds, { clock: fixedClock(SENT_AT) }, env);
    await decideReview(deps, { review: { id: reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'supplementary', scenarios: ['cross_department', 'refund_dispute'], remark: '再看看协作' });
    const request = await db.ds.getRepository(SupplementaryRequest).findOneByOrFail({ reviewId });
    return { file, deps, request };
  }

  it('POSTs with an Idempotency-Key and a timestamped signature', async () => {
    const { deps, request } = await supplementaryRequest();

    await sendVendorRequest(deps, { requestId: request.id });

    expect(received).toHaveLength(1);
    const [sent] = received;
    expect(sent!.method).toBe('POST');
    expect(sent!.url).toBe('/vendor/supplementary?tenant=acme');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.headers['idempotency-key']).toBe(request.id);
    expect(sent!.headers['x-interview-timestamp']).toBe(String(SENT_AT.getTime() / 1000));
    expect(sent!.headers['x-interview-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('signs with VENDOR_WEBHOOK_SECRET, not the ingestion secret, over POST, the path with its query and the body', async () => {
    const { deps, request } = await supplementaryRequest();
    expect(deps.settings.vendorWebhookSecret).toBe(TEST_VENDOR_WEBHOOK_SECRET);
    expect(deps.settings.ingestSecret).toBe(TEST_INGEST_SECRET);

    await sendVendorRequest(deps, { requestId: request.id });

    const sent = received[0]!;
    const signed = {
      secret: TEST_VENDOR_WEBHOOK_SECRET,
      timestamp: String(sent.headers['x-interview-timestamp']),
      method: 'POST',
      pathWithQuery: '/vendor/supplementary?tenant=acme',
      body: sent.body,
      signature: String(sent.headers['x-interview-signature']),
    };
    expect(verifyRequest(signed)).toBe(true);
    // Any other key, method or target fails: a captured webhook cannot be replayed elsewhere, nor forged with the ingestion secret.
    expect(verifyRequest({ ...signed, secret: TEST_INGEST_SECRET })).toBe(false);
    expect(verifyRequest({ ...signed, method: 'PUT' })).toBe(false);
    expect(verifyRequest({ ...signed, pathWithQuery: '/vendor/supplementary' })).toBe(false);
    expect(verifyRequest({ ...signed, pathWithQuery: '/vendor/other?tenant=acme' })).toBe(false);
  });

  it('names the interview, the candidate, the position, the scenarios with their titles and the requester', async () => {
    const { file, deps, request } = await supplementaryRequest();

    await sendVendorRequest(deps, { requestId: request.id });

    expect(JSON.parse(received[0]!.body.toString('utf8'))).toEqual({
      requestId: request.id,
      kind: 'supplementary',
      interviewId: file.interviewId,
      candidate: { externalId: 'boss-778899', name: '刘晓燕' },
      positionCode: 'CS-GENERAL',
      scenarios: [
        { scenarioId: 'cross_department', title: '跨部门协作' },
        { scenarioId: 'refund_dispute', title: '退款纠纷' },
      ],
      remark: '再看看协作',
      requestedBy: { userId: 'sup_general', name: '张伟' },
      requestedAt: SENT_AT.toISOString(),
    });
  });

  it.each([200, 202, 204])('is done when the vendor answers %i', async (status) => {
    const { deps, request } = await supplementaryRequest();
    answerStatus = status;

    await expect(sendVendorRequest(deps, { requestId: request.id })).resolves.toBeUndefined();
    expect(received).toHaveLength(1);
  });

  it.each([400, 401, 404, 422])('fails for good when the vendor answers %i', async (status) => {
    const { deps, request } = await supplementaryRequest();
    answerStatus = status;

    const error = await sendVendorRequest(deps, { requestId: request.id }).then(() => null, (e: unknown) => e);

    expect(error).toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain(String(status));
  });

  it.each([503, 429, 500, 408])('fails retryably (a plain Error) when the vendor answers %i', async (status) => {
    const { deps, request } = await supplementaryRequest();
    answerStatus = status;

    const error = await sendVendorRequest(deps, { requestId: request.id }).then(() => null, (e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toContain(String(status));
  });

  it('fails for good without sending anything when VENDOR_WEBHOOK_URL is not configured', async () => {
    const { deps, request } = await supplementaryRequest({});
    expect(deps.settings.vendorWebhookUrl).toBeNull();

    await expect(sendVendorRequest(deps, { requestId: request.id })).rejects.toBeInstanceOf(PermanentDeliveryError);

    expect(received).toHaveLength(0);
  });
});
