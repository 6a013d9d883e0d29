import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InterviewResult } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../scripts/dingtalk-sandbox/sandbox.js';
import { createApp } from '../src/app.js';
import type { Config } from '../src/platform/config.js';
import type { Deps } from '../src/platform/deps.js';
import { createDingTalkClient } from '../src/platform/dingtalk/client.js';
import type { DingTalkPort } from '../src/platform/dingtalk/port.js';
import { REVIEW_FORM_COMPONENTS, REVIEW_FORM_NAME } from '../src/platform/dingtalk/reviewForm.js';
import { createLogger } from '../src/platform/logger.js';
import { startWorkers, type Workers } from '../src/workers.js';
import { buildTestDeps, signedHeaders } from './testApp.js';

export const PROCESS_CODE = 'PROC-AIREVIEW-FLOW';

/** A fake AI vendor endpoint: records signed supplementary requests and answers with `status`. */
export interface FakeVendor {
  url: string;
  requests: { headers: IncomingMessage['headers']; body: string }[];
  status: number;
}

/**
 * Everything of a review flow over real HTTP: the DingTalk sandbox (pushing encrypted callbacks),
 * our app on a real port, the real DingTalk client, the outbox worker and a fake vendor.
 */
export interface Harness {
  sandbox: Sandbox;
  sandboxUrl: string;
  serverUrl: string;
  dingtalk: DingTalkPort;
  settings: Config;
  /** The app's deps: the real DingTalk client pointed at the sandbox; `wake` wakes the harness's worker. */
  deps: Deps;
  workers: Workers;
  vendor: FakeVendor;
  ingest(payload: InterviewResult): Promise<{ status: number; body: { data?: { applicationId: string; stage: string; round: number }; error?: { code: string } } }>;
  control(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  /** Restart the outbox worker and jobs (e.g. after a simulated crash). */
  restartWorkers(): void;
  close(): Promise<void>;
}

export async function startHarness(ds: DataSource, options: { env?: Record<string, string>; clientTimeoutMs?: number } = {}): Promise<Harness> {
  const sandbox = createSandbox({ seedForms: [{ name: REVIEW_FORM_NAME, processCode: PROCESS_CODE, formComponents: REVIEW_FORM_COMPONENTS }], faultTimeoutMs: 1500, callbackDelayMs: 5 });
  const runningSandbox: RunningSandbox = await sandbox.listen(0);

  const vendor: FakeVendor = { url: '', requests: [], status: 200 };
  const vendorServer = await listen(
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        vendor.requests.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(vendor.status, { 'content-type': 'application/json' }).end('{}');
      });
    }),
  );
  vendor.url = `http://127.0.0.1:${(vendorServer.address() as AddressInfo).port}/supplementary`;

  const log = createLogger('silent');
  const base = buildTestDeps(ds, {}, {
    DINGTALK_PROCESS_CODE: PROCESS_CODE,
    DINGTALK_API_BASE: runningSandbox.url,
    DINGTALK_OAPI_BASE: runningSandbox.url,
    VENDOR_WEBHOOK_URL: vendor.url,
    ...options.env,
  });
  const dingtalk = createDingTalkClient({
    ...base.settings.dingtalk,
    timeoutMs: options.clientTimeoutMs ?? 700,
    log,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 20))),
  });
  let workers: Workers;
  const deps: Deps = { ...base, dingtalk, log, wake: () => workers.wake() };
  const start = () => startWorkers(deps, { outboxIntervalMs: 40, jobsIntervalMs: 3_600_000, outbox: { baseDelayMs: 30, maxDelayMs: 150, leaseMs: 5000 } });
  workers = start();
  const app = createApp(deps);
  const server = await listen(createServer(app.callback()));
  const serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sandbox.setCallbackUrl(`${serverUrl}/dingtalk/callback`);

  const harness: Harness = {
    sandbox,
    sandboxUrl: runningSandbox.url,
    serverUrl,
    dingtalk,
    settings: deps.settings,
    deps,
    get workers() {
      return workers;
    },
    vendor,
    async ingest(payload) {
      const body = JSON.stringify(payload);
      const response = await fetch(`${serverUrl}/api/v1/interview-results`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signedHeaders({ method: 'POST', path: '/api/v1/interview-results', body }) },
        body,
      });
      return { status: response.status, body: (await response.json()) as never };
    },
    async control(path, body) {
      const response = await fetch(`${runningSandbox.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    restartWorkers() {
      workers = start();
    },
    async close() {
      await workers.stop();
      await runningSandbox.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => vendorServer.close(() => resolve()));
    },
  };
  return harness;
}

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Poll `probe` until it returns a value other than undefined/false, or fail after `timeoutMs`. */
export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
