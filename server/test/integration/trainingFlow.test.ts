import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TrainingWebhookEvent } from '@aireview/shared';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { linkEmployees } from '../../src/hiring/linkEmployees.js';
import { Application, OutboxMessage, Review, TrainingAssignment } from '../../src/platform/db/entities/index.js';
import { verifyRequest } from '../../src/platform/signature.js';
import { runTrainingJobs } from '../../src/training/index.js';
import { describeEachDb } from '../db.js';
import { samplePayload } from '../factories.js';
import { bearer, createDemoPositions, insertUsers, PEOPLE } from '../fixtures.js';
import { TEST_IMPORT_SECRET } from '../importFixtures.js';
import { startHarness, waitFor, type Harness } from '../reviewHarness.js';
import { signedHeaders } from '../testApp.js';
import { publishDemoRules, UNEVEN_SCORES } from '../trainingFixtures.js';

const TRAINING_SECRET = 'test-training-webhook-secret-0123456789-abcd';

/**
 * Training end to end over real HTTP: the DingTalk sandbox (approval, notices, pre-entry, 待办), our
 * server and worker, and a local learning platform receiving the signed webhook.
 */
describeEachDb('training linkage against the DingTalk sandbox', (db) => {
  let h: Harness;
  let lms: Server;
  let lmsUrl: string;
  let received: { headers: IncomingHttpHeaders; url: string; body: Buffer }[];

  beforeAll(async () => {
    lms = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, url: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((resolve) => lms.listen(0, '127.0.0.1', resolve));
    lmsUrl = `http://127.0.0.1:${(lms.address() as AddressInfo).port}/lms/enrolments`;
  });
  afterAll(() => new Promise<void>((resolve) => lms.close(() => resolve())));
  beforeEach(async () => {
    received = [];
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
    h = await startHarness(db.ds, { env: { HR_USER_IDS: 'hr01', TRAINING_WEBHOOK_URL: lmsUrl, TRAINING_WEBHOOK_SECRET: TRAINING_SECRET, IMPORT_SECRET: TEST_IMPORT_SECRET } });
  });
  afterEach(async () => h?.close());

  const assignments = (applicationId: string) => db.ds.getRepository(TrainingAssignment).find({ where: { applicationId }, order: { createdAt: 'ASC' } });
  const application = (id: string) => db.ds.getRepository(Application).findOneByOrFail({ id });
  const events = () => received.map((r) => JSON.parse(r.body.toString('utf8')) as TrainingWebhookEvent);

  /** A low-服务意识, high-应变能力 candidate approved by the supervisor in DingTalk's own screen. */
  async function approvedInDingTalk(): Promise<string> {
    const ingested = await h.ingest(samplePayload({ dimensionScores: UNEVEN_SCORES }));
    expect(ingested.status).toBe(201);
    const applicationId = ingested.body.data!.applicationId;
    const review = await waitFor(async () => {
      const row = await db.ds.getRepository(Review).findOneBy({ applicationId });
      return row?.approvalInstanceId ? row : undefined;
    }, 'the approval');
    const decided = await h.control(`/__sandbox/approvals/${review.approvalInstanceId}/decide`, { userId: 'sup_general', result: 'agree' });
    expect(decided.status).toBe(200);
    await waitFor(async () => (await application(applicationId)).stage === 'second_interview', 'the callback moving the candidate to 复试');
    return applicationId;
  }

  async function hireAndOnboard(applicationId: string): Promise<string> {
    const response = await fetch(`${h.serverUrl}/api/v1/applications/${applicationId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await bearer(h.deps, PEOPLE.hr)) },
      body: JSON.stringify({ outcome: 'hired', onboardingDate: '2026-12-01' }),
    });
    expect(response.status).toBe(200);
    const { preEntryId } = (await waitFor(async () => ((await application(applicationId)).preEntryId ? application(applicationId) : undefined), 'the pre-entry')) as Application;
    const onboarded = await h.control(`/__sandbox/hrm/preentries/${preEntryId}/onboard`, {});
    // The link job logs and retries a lookup that times out (a loaded machine); run it until it links.
    const linked = await waitFor(async () => {
      await linkEmployees(h.deps);
      return (await application(applicationId)).employeeUserId ?? undefined;
    }, 'the hire linked to their DingTalk user');
    expect(linked).toBe(onboarded.body.userId);
    return onboarded.body.userId as string;
  }

  it('approval in DingTalk → courses on the file, HR notified, the learning platform enrolled (signed, one key per event)', async () => {
    const applicationId = await approvedInDingTalk();
    expect((await assignments(applicationId)).map((a) => a.title)).toEqual(['客户服务技巧', '同理心训练', '产品知识培训', '储备主管培养计划', '生鲜客服']);
    const notice = await waitFor(() => (h.sandbox.state.notifications.get('hr01') ?? []).find((n) => JSON.stringify(n.msg).includes('培训安排')), 'the HR notice');
    expect(JSON.stringify(notice.msg)).toContain('客户服务技巧');
    await waitFor(() => received.length >= 4 && received, 'four enrolments');
    expect(events().map((e) => e.assignment.title).sort()).toEqual(['产品知识培训', '储备主管培养计划', '同理心训练', '客户服务技巧'].sort());
    for (const hit of received) {
      expect(verifyRequest({ secret: TRAINING_SECRET, timestamp: String(hit.headers['x-interview-timestamp']), method: 'POST', pathWithQuery: hit.url, body: hit.body, signature: String(hit.headers['x-interview-signature']) })).toBe(true);
    }
    expect(new Set(received.map((r) => r.headers['idempotency-key'])).size).toBe(4);
  });

  it('录用 → 储备主管 in the pre-entry roster; once onboarded the hire gets one 待办 per course, closed when the learning platform reports completion', async () => {
    const applicationId = await approvedInDingTalk();
    const userId = await hireAndOnboard(applicationId);
    const entry = h.sandbox.state.preEntries.at(-1)!;
    expect(entry.fields).toEqual(expect.arrayContaining([expect.objectContaining({ fieldCode: 'customField-aiTalentPool', value: '储备主管' })]));

    const unionId = `union-${userId}`;
    await runTrainingJobs(h.deps);
    const todos = await waitFor(() => {
      const own = h.sandbox.state.todos.filter((t) => t.unionId === unionId);
      return own.length === 4 && own;
    }, 'four todos for the hire');
    const rows = await assignments(applicationId);
    const course = rows.find((a) => a.title === '客户服务技巧')!;
    const todo = todos.find((t) => t.sourceId === course.id)!;
    expect(todo).toMatchObject({ subject: '培训：客户服务技巧', done: false, dueTime: Date.parse('2026-12-01T00:00:00+08:00') });
    await waitFor(async () => (await db.ds.getRepository(TrainingAssignment).findOneByOrFail({ id: course.id })).todoId === todo.id, 'the todo id recorded');
    // A second run of the job changes nothing.
    await runTrainingJobs(h.deps);
    expect(h.sandbox.state.todos.filter((t) => t.unionId === unionId)).toHaveLength(4);

    const body = JSON.stringify({ employeeId: userId, title: '客户服务技巧', completedAt: '2026-12-02T18:00:00+08:00', score: 95 });
    const completed = await fetch(`${h.serverUrl}/api/v1/training-completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders({ method: 'POST', path: '/api/v1/training-completions', body, secret: TEST_IMPORT_SECRET }) },
      body,
    });
    expect(completed.status).toBe(200);
    await waitFor(() => h.sandbox.state.todos.find((t) => t.id === todo.id)?.done === true, 'the todo closed');
    expect(h.sandbox.state.todos.filter((t) => t.unionId === unionId && t.done)).toHaveLength(1);
    await waitFor(() => events().some((e) => e.assignment.id === course.id && e.assignment.status === 'done'), 'the done event');
  });

  it('a todo create whose answer was lost is adopted on the retry: one todo, never two', async () => {
    const applicationId = await approvedInDingTalk();
    const userId = await hireAndOnboard(applicationId);
    const unionId = `union-${userId}`;
    await h.control('/__sandbox/faults', { path: `/v1.0/todo/users/${unionId}/tasks`, mode: 'lost_response', count: 1 });
    await runTrainingJobs(h.deps);
    await waitFor(async () => (await assignments(applicationId)).filter((a) => a.todoId).length === 4, 'all four todo ids recorded', 12_000);
    expect(h.sandbox.state.todos.filter((t) => t.unionId === unionId)).toHaveLength(4);
    const retried = await db.ds.getRepository(OutboxMessage).findBy({ kind: 'training.todo' });
    expect(retried.some((m) => m.attempts === 2)).toBe(true);
  });
});
