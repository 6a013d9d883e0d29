import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../../scripts/dingtalk-sandbox/sandbox.js';
import { Application, OutboxMessage, Review } from '../../src/platform/db/entities/index.js';
import { REVIEW_FORM_COMPONENTS, REVIEW_FORM_NAME } from '../../src/platform/dingtalk/reviewForm.js';
import { describeEachDb } from '../db.js';
import { createTestPosition, samplePayload } from '../factories.js';
import { signedHeaders, TEST_INGEST_SECRET } from '../testApp.js';
import { waitFor } from '../reviewHarness.js';

/**
 * `kill -9` of the server process at the worst moments: while DingTalk has acted on a create but
 * not answered, and while decisions are pushed to a dead server. After a restart nothing is lost
 * and nothing is done twice.
 */
const ROOT = new URL('../../../', import.meta.url).pathname;
const PROCESS_CODE = 'PROC-AIREVIEW-CRASH';
const HOLD_MS = 20_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describeEachDb('crash safety (kill -9 of the server process)', (db) => {
  let sandbox: Sandbox;
  let running: RunningSandbox;
  let port: number;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    // `lost_response` holds DingTalk's answer long enough to kill the server while it waits.
    sandbox = createSandbox({ seedForms: [{ name: REVIEW_FORM_NAME, processCode: PROCESS_CODE, formComponents: REVIEW_FORM_COMPONENTS }], faultTimeoutMs: HOLD_MS, callbackDelayMs: 5 });
    running = await sandbox.listen(0);
  });
  afterAll(async () => running?.close());
  beforeEach(async () => {
    await createTestPosition(db.ds);
    port = await freePort();
    sandbox.setCallbackUrl(`http://127.0.0.1:${port}/dingtalk/callback`);
    await fetch(`${running.url}/__sandbox/reset`, { method: 'POST' });
  });
  afterEach(() => {
    child?.kill('SIGKILL');
    child = undefined;
  });

  async function startChild(): Promise<string> {
    // One process (tsx's CLI would put the server in a grandchild that survives kill -9 of the CLI).
    const proc = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: db.url,
        SEED_DEMO: 'false',
        LOG_LEVEL: 'warn',
        INGEST_SECRET: TEST_INGEST_SECRET,
        DINGTALK_API_BASE: running.url,
        DINGTALK_OAPI_BASE: running.url,
        DINGTALK_PROCESS_CODE: PROCESS_CODE,
        REVIEW_RECONCILE_AFTER_MINUTES: '0.01',
        REVIEW_JOBS_INTERVAL_SECONDS: '0.5',
        // A killed worker's claims are retried once this lease runs out (longer than any DingTalk call here).
        OUTBOX_LEASE_SECONDS: '8',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child = proc;
    const url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/readyz`)).ok, 'the server to start', 20_000);
    return url;
  }

  function kill9(): Promise<void> {
    const proc = child!;
    child = undefined;
    return new Promise((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGKILL');
    });
  }

  async function ingest(url: string) {
    const body = JSON.stringify(samplePayload());
    const response = await fetch(`${url}/api/v1/interview-results`, { method: 'POST', headers: { 'content-type': 'application/json', ...signedHeaders({ method: 'POST', path: '/api/v1/interview-results', body }) }, body });
    expect(response.status).toBe(201);
    return ((await response.json()) as { data: { applicationId: string } }).data.applicationId;
  }

  const fault = (path: string, mode: string) =>
    fetch(`${running.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path, mode, count: 1 }) });
  const approvals = () => [...sandbox.state.approvals.values()];
  const notices = (userId: string) => sandbox.state.notifications.get(userId) ?? [];

  it('killed while DingTalk created the approval but had not answered: the restart adopts it, no second approval', async () => {
    await fault('/v1.0/workflow/processInstances', 'lost_response');
    const url = await startChild();
    const applicationId = await ingest(url);
    await waitFor(() => approvals().length === 1, 'DingTalk to create the approval');
    await kill9();
    expect((await db.ds.getRepository(Review).findOneByOrFail({ applicationId })).approvalInstanceId).toBeNull();

    await startChild();
    const review = await waitFor(async () => {
      const found = await db.ds.getRepository(Review).findOneBy({ applicationId });
      return found?.status === 'pending' ? found : undefined;
    }, 'the review to be recorded', 15_000);
    await waitFor(() => notices('sup_general').length === 1, 'the work notice', 15_000);
    expect(approvals()).toHaveLength(1);
    expect(review.approvalInstanceId).toBe(approvals()[0]!.instanceId);
    expect(review.startAttempts).toBe(1);
  }, 60_000);

  it('killed after the notice was accepted but before it was marked sent: the resend does not reach the supervisor twice', async () => {
    await fault('/topapi/message/corpconversation/asyncsend_v2', 'lost_response');
    const url = await startChild();
    await ingest(url);
    await waitFor(() => notices('sup_general').length === 1, 'the work notice');
    await kill9();
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: 'review.notice', status: 'pending' })).toBe(1);

    await startChild();
    await waitFor(async () => (await db.ds.getRepository(OutboxMessage).countBy({ kind: 'review.notice', status: 'delivered' })) === 1, 'the notice row to be delivered', 15_000);
    expect(notices('sup_general')).toHaveLength(1);
    expect(approvals()).toHaveLength(1);
  }, 60_000);

  it('a decision pushed while the server is dead is applied after the restart, once', async () => {
    const url = await startChild();
    const applicationId = await ingest(url);
    const review = await waitFor(async () => {
      const found = await db.ds.getRepository(Review).findOneBy({ applicationId });
      return found?.status === 'pending' ? found : undefined;
    }, 'the review to start');
    await kill9();
    const decided = await fetch(`${running.url}/__sandbox/approvals/${review.approvalInstanceId}/decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'sup_general', result: 'agree' }),
    });
    expect(decided.status).toBe(200);
    await sandbox.callbacksIdle();
    expect(sandbox.state.callbacks.filter((c) => c.type === 'finish').every((c) => c.status === 'failed')).toBe(true);

    await startChild();
    await waitFor(async () => (await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId })).stage === 'second_interview', 'reconciliation to apply the decision', 15_000);
    await waitFor(() => notices('hr01').length === 1, 'the HR notice', 15_000);
    expect(await db.ds.getRepository(Review).findOneByOrFail({ id: review.id })).toMatchObject({ decision: 'agree', decidedByUserId: 'sup_general' });
  }, 60_000);
}, { sqliteFile: true });
