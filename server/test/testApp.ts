import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { systemClock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { Deps } from '../src/platform/deps.js';
import { createFakeDingTalk } from '../src/platform/dingtalk/fakeDingTalk.js';
import { createLogger } from '../src/platform/logger.js';
import { signRequest } from '../src/platform/signature.js';
import { createLocalStorage } from '../src/platform/storage/storage.js';

export const TEST_INGEST_SECRET = 'test-ingest-secret-0123456789-abcdefgh';
/** Signs our webhook to the vendor in tests (VENDOR_WEBHOOK_SECRET); never the ingestion secret. */
export const TEST_VENDOR_WEBHOOK_SECRET = 'test-vendor-webhook-secret-0123456789-abcd';

/**
 * The app's one Deps, as server.ts builds it, for tests: the fake DingTalk, a throwaway recordings
 * directory, a silent logger, the system clock and a `wake` that counts its calls.
 */
export function buildTestDeps(ds: DataSource, overrides: Partial<Deps> = {}, env: Record<string, string> = {}): Deps & { wakes: () => number } {
  const settings = loadConfig({ NODE_ENV: 'test', INGEST_SECRET: TEST_INGEST_SECRET, VENDOR_WEBHOOK_SECRET: TEST_VENDOR_WEBHOOK_SECRET, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', ...env });
  let wakes = 0;
  return {
    ds,
    dingtalk: createFakeDingTalk(),
    storage: createLocalStorage(mkdtempSync(join(tmpdir(), 'aireview-rec-'))),
    log: createLogger('silent'),
    clock: systemClock,
    settings,
    wake: () => {
      wakes += 1;
    },
    fetch: globalThis.fetch,
    wakes: () => wakes,
    ...overrides,
  };
}

export function buildTestApp(ds: DataSource, overrides: Partial<Deps> = {}, env: Record<string, string> = {}) {
  const deps = buildTestDeps(ds, overrides, env);
  const app = createApp(deps);
  return { deps, app, server: app.callback() };
}

/** Headers for a signed vendor request: `method`, `path` (with query, as sent) and `body` (exact bytes). */
export function signedHeaders(request: { method: string; path: string; body: Buffer | string; secret?: string; timestamp?: number }) {
  const timestamp = String(request.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'X-Interview-Timestamp': timestamp,
    'X-Interview-Signature': signRequest({ secret: request.secret ?? TEST_INGEST_SECRET, timestamp, method: request.method, pathWithQuery: request.path, body: request.body }),
  };
}
