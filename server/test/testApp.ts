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
import { signIngestBody } from '../src/platform/signature.js';
import { createLocalStorage } from '../src/platform/storage/storage.js';

export const TEST_INGEST_SECRET = 'test-ingest-secret-0123456789';

/**
 * The app's one Deps, as server.ts builds it, for tests: the fake DingTalk, a throwaway recordings
 * directory, a silent logger, the system clock and a `wake` that counts its calls.
 */
export function buildTestDeps(ds: DataSource, overrides: Partial<Deps> = {}, env: Record<string, string> = {}): Deps & { wakes: () => number } {
  const settings = loadConfig({ NODE_ENV: 'test', INGEST_SECRET: TEST_INGEST_SECRET, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', ...env });
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

/** Headers for a signed vendor request over `body` (exact bytes). */
export function signedHeaders(body: Buffer | string, options: { secret?: string; timestamp?: number } = {}) {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  return {
    'X-Interview-Timestamp': timestamp,
    'X-Interview-Signature': signIngestBody(options.secret ?? TEST_INGEST_SECRET, timestamp, body),
  };
}
