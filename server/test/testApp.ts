import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createApp, type AppDeps } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { signIngestBody } from '../src/ingestSignature.js';
import { createFakeDingTalk } from '../src/dingtalk/fakeDingTalk.js';
import { createLogger } from '../src/logger.js';
import { reviewSettings } from '../src/review/deps.js';
import { createLocalStorage } from '../src/storage/storage.js';

export const TEST_INGEST_SECRET = 'test-ingest-secret-0123456789';

export function buildTestDeps(ds: DataSource, overrides: Partial<AppDeps> = {}, env: Record<string, string> = {}): AppDeps {
  const config = loadConfig({ NODE_ENV: 'test', INGEST_SECRET: TEST_INGEST_SECRET, LOG_LEVEL: 'silent', PUBLIC_BASE_URL: 'http://127.0.0.1:3000', ...env });
  return {
    config,
    ds,
    dingtalk: createFakeDingTalk(),
    review: reviewSettings(config),
    storage: createLocalStorage(mkdtempSync(join(tmpdir(), 'aireview-rec-'))),
    log: createLogger('silent'),
    ...overrides,
  };
}

export function buildTestApp(ds: DataSource, overrides: Partial<AppDeps> = {}, env: Record<string, string> = {}) {
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
