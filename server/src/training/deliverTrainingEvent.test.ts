import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrainingWebhookEvent } from '@aireview/shared';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { recordOutcome } from '../hiring/index.js';
import { OutboxMessage } from '../platform/db/entities/index.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { verifyRequest } from '../platform/signature.js';
import { decideReview } from '../review/index.js';
import { describeEachDb } from '../../test/db.js';
import { createDemoPositions, insertUsers, PEOPLE } from '../../test/fixtures.js';
import { buildTestDeps, TEST_INGEST_SECRET, TEST_VENDOR_WEBHOOK_SECRET } from '../../test/testApp.js';
import { fileInReview, publishDemoRules } from '../../test/trainingFixtures.js';
import { deliverTrainingEvent } from './deliverTrainingEvent.js';
import { TRAINING_KINDS } from './kinds.js';

const TRAINING_SECRET = 'test-training-webhook-secret-0123456789-abcd';

interface Received {
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The `training.deliver` handler against a real local HTTP server playing the learning platform. */
describeEachDb('deliverTrainingEvent (training.deliver)', (db) => {
  let server: Server;
  let url: string;
  let received: Received[];
  let answer: number;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lms/assignments?org=acme`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(async () => {
    received = [];
    answer = 200;
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
  });

  const env = () => ({ TRAINING_WEBHOOK_URL: url, TRAINING_WEBHOOK_SECRET: TRAINING_SECRET });
  const events = async () => (await db.ds.getRepository(OutboxMessage).find({ where: { kind: TRAINING_KINDS.deliver }, order: { createdAt: 'ASC' } })).map((m) => (m.payload as { event: TrainingWebhookEvent }).event);
  async function approved(deps: ReturnType<typeof buildTestDeps>) {
    const file = await fileInReview(db.ds);
    await decideReview(deps, { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
    return file;
  }

  it('one created event per course and programme (not the team suggestion), signed with TRAINING_WEBHOOK_SECRET and keyed by the event id', async () => {
    const deps = buildTestDeps(db.ds, {}, env());
    await approved(deps);
    const stored = await events();
    expect(stored.map((e) => [e.type, e.assignment.title]).sort()).toEqual([
      ['assignment.created', '产品知识培训'],
      ['assignment.created', '储备主管培养计划'],
      ['assignment.created', '同理心训练'],
      ['assignment.created', '客户服务技巧'],
    ].sort());
    await deliverTrainingEvent(deps, { event: stored[0]! });
    const [hit] = received;
    expect(hit!.url).toBe('/lms/assignments?org=acme');
    expect(hit!.headers['idempotency-key']).toBe(stored[0]!.eventId);
    expect(JSON.parse(hit!.body.toString('utf8'))).toEqual(stored[0]);
    const signed = (secret: string) =>
      verifyRequest({ secret, timestamp: String(hit!.headers['x-interview-timestamp']), method: 'POST', pathWithQuery: hit!.url!, body: hit!.body, signature: String(hit!.headers['x-interview-signature']) });
    expect(signed(TRAINING_SECRET)).toBe(true);
    expect(signed(TEST_INGEST_SECRET)).toBe(false);
    expect(signed(TEST_VENDOR_WEBHOOK_SECRET)).toBe(false);
  });

  it('a retry sends the same bytes under the same Idempotency-Key', async () => {
    const deps = buildTestDeps(db.ds, {}, env());
    await approved(deps);
    const [event] = await events();
    answer = 503;
    await expect(deliverTrainingEvent(deps, { event: event! })).rejects.not.toBeInstanceOf(PermanentDeliveryError);
    answer = 200;
    await deliverTrainingEvent(deps, { event: event! });
    expect(received).toHaveLength(2);
    expect(received[1]!.body.equals(received[0]!.body)).toBe(true);
    expect(received[1]!.headers['idempotency-key']).toBe(received[0]!.headers['idempotency-key']);
  });

  it('a 4xx answer fails the delivery for good', async () => {
    const deps = buildTestDeps(db.ds, {}, env());
    await approved(deps);
    answer = 400;
    await expect(deliverTrainingEvent(deps, { event: (await events())[0]! })).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it('录用 sends updated events, with a new key, for the courses whose due date the onboarding date set', async () => {
    const deps = buildTestDeps(db.ds, {}, env());
    const file = await approved(deps);
    await recordOutcome(deps, PEOPLE.hr, file.applicationId, { outcome: 'hired', onboardingDate: '2026-12-15' });
    const updated = (await events()).filter((e) => e.type === 'assignment.updated');
    expect(updated.map((e) => [e.assignment.title, e.assignment.dueAt, e.eventId.endsWith(':2')]).sort()).toEqual([
      ['客户服务技巧', '2026-12-14T16:00:00.000Z', true],
      ['同理心训练', '2026-12-14T16:00:00.000Z', true],
      ['产品知识培训', '2027-01-13T16:00:00.000Z', true],
    ].sort());
  });

  it('without TRAINING_WEBHOOK_URL nothing is queued: assignments stay in the product', async () => {
    await approved(buildTestDeps(db.ds));
    expect(await events()).toEqual([]);
  });
});
