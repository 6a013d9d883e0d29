import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, SANDBOX_DINGTALK, SETTING_NAMES, loadConfig, parseDatabaseUrl } from './config.js';
import { readDemoSecrets, withDemoSecrets } from './demoSecrets.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};
const fieldsOf = (env: Record<string, string>) => problemsOf(env).map((p) => p.split(':')[0]);

const strong = (c: string) => c.repeat(40);

/** A complete production environment that passes every check. */
const production = {
  NODE_ENV: 'production', INGEST_SECRET: strong('a'), SESSION_SECRET: strong('b'), SEED_DEMO: 'false',
  PUBLIC_BASE_URL: 'https://hire.example.com', TRUST_PROXY: 'true', DATABASE_URL: 'mysql://app:pw@db.internal:3306/hiring',
  RECORDINGS_DIR: '/srv/recordings',
  DINGTALK_APP_KEY: 'dingrealappkey', DINGTALK_APP_SECRET: 'secret', DINGTALK_AGENT_ID: '123', DINGTALK_CORP_ID: 'dingcorp',
  DINGTALK_PROCESS_CODE: 'PROC-1', DINGTALK_CALLBACK_TOKEN: 'tok', DINGTALK_CALLBACK_AES_KEY: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
  HR_USER_IDS: 'hr-a, hr-b',
};

describe('loadConfig', () => {
  it('runs with no configuration: SQLite under ./data, loopback only, demo data, random secrets (never constants)', () => {
    const a = loadConfig({});
    const b = loadConfig({});
    expect(a.database).toEqual({ type: 'sqlite', path: './data/app.sqlite' });
    expect([a.port, a.host, a.seedDemo, a.strict, a.trustProxy]).toEqual([3000, '127.0.0.1', true, false, false]);
    expect(a.sessionSecret).not.toBe(b.sessionSecret);
    expect(new Set([a.sessionSecret, a.ingestSecret, a.vendorWebhookSecret]).size).toBe(3);
    expect(Buffer.byteLength(a.sessionSecret)).toBeGreaterThanOrEqual(32);
  });

  it('seeds the demo by default only in sandbox mode', () => {
    expect(loadConfig(production).seedDemo).toBe(false);
    const { SEED_DEMO: _s, ...withoutSeed } = production;
    expect(loadConfig(withoutSeed).seedDemo).toBe(false);
  });

  it('with NODE_ENV=production and nothing else, lists every problem at once', () => {
    expect(fieldsOf({ NODE_ENV: 'production' })).toEqual([
      'SESSION_SECRET', 'INGEST_SECRET', 'PUBLIC_BASE_URL', 'DINGTALK_APP_KEY',
      'DINGTALK_APP_SECRET', 'DINGTALK_AGENT_ID', 'DINGTALK_CORP_ID', 'DINGTALK_PROCESS_CODE', 'DINGTALK_CALLBACK_TOKEN', 'DINGTALK_CALLBACK_AES_KEY',
      'HR_USER_IDS', 'TRUST_PROXY', 'DATABASE_URL', 'RECORDINGS_DIR',
    ]);
  });

  it('applies the strict checks when real DingTalk credentials are configured, even without NODE_ENV', () => {
    // The attack this prevents: the public default secrets let anyone mint an admin session.
    const problems = problemsOf({ DINGTALK_APP_KEY: 'dingrealappkey' });
    expect(problems).toContain('SESSION_SECRET: required (a random value of at least 32 bytes, e.g. openssl rand -base64 48)');
    expect(problems.map((p) => p.split(':')[0])).toEqual(expect.arrayContaining(['INGEST_SECRET', 'PUBLIC_BASE_URL', 'DINGTALK_AGENT_ID']));
    // Not production: MySQL, TRUST_PROXY and shared recordings are not demanded.
    expect(problems.map((p) => p.split(':')[0])).not.toContain('DATABASE_URL');
  });

  it('refuses published, short and equal secrets where the checks apply', () => {
    expect(problemsOf({ ...production, SESSION_SECRET: 'dev-session-secret-change-me' })).toContain('SESSION_SECRET: a published default value is not allowed');
    expect(problemsOf({ ...production, INGEST_SECRET: 'x'.repeat(31) })).toContain('INGEST_SECRET: must be at least 32 bytes');
    // Equal secrets would let the vendor mint sessions.
    expect(problemsOf({ ...production, INGEST_SECRET: production.SESSION_SECRET })).toEqual(['INGEST_SECRET: must differ from SESSION_SECRET']);
    expect(problemsOf({ ...production, VENDOR_WEBHOOK_URL: 'https://vendor.example.com/hook', VENDOR_WEBHOOK_SECRET: production.INGEST_SECRET }))
      .toEqual(['VENDOR_WEBHOOK_SECRET: must differ from INGEST_SECRET']);
    expect(fieldsOf({ ...production, VENDOR_WEBHOOK_URL: 'https://vendor.example.com/hook' })).toEqual(['VENDOR_WEBHOOK_SECRET']);
  });

  it('demands https for the public URL and the vendor webhook, loopback excepted', () => {
    expect(problemsOf({ ...production, PUBLIC_BASE_URL: 'http://hire.example.com' })).toEqual(['PUBLIC_BASE_URL: must be https (got http://hire.example.com)']);
    expect(problemsOf({ ...production, PUBLIC_BASE_URL: 'http://127.0.0.1:3000' })).toEqual([]);
    const hook = { ...production, VENDOR_WEBHOOK_SECRET: strong('c') };
    expect(fieldsOf({ ...hook, VENDOR_WEBHOOK_URL: 'http://vendor.example.com/hook' })).toEqual(['VENDOR_WEBHOOK_URL']);
    expect(fieldsOf({ ...hook, VENDOR_WEBHOOK_URL: 'http://localhost:9000/hook' })).toEqual([]);
  });

  it('the learning-platform webhook needs its own strong secret and https off loopback', () => {
    expect(fieldsOf({ ...production, TRAINING_WEBHOOK_URL: 'https://learn.example.com/hook' })).toEqual(['TRAINING_WEBHOOK_SECRET']);
    expect(problemsOf({ ...production, TRAINING_WEBHOOK_URL: 'https://learn.example.com/hook', TRAINING_WEBHOOK_SECRET: production.INGEST_SECRET }))
      .toEqual(['TRAINING_WEBHOOK_SECRET: must differ from INGEST_SECRET']);
    const hook = { ...production, TRAINING_WEBHOOK_SECRET: strong('t') };
    expect(fieldsOf({ ...hook, TRAINING_WEBHOOK_URL: 'http://learn.example.com/hook' })).toEqual(['TRAINING_WEBHOOK_URL']);
    expect(fieldsOf({ ...hook, TRAINING_WEBHOOK_URL: 'http://127.0.0.1:9000/hook' })).toEqual([]);
  });

  it("refuses the sandbox's callback token and AES key", () => {
    expect(fieldsOf({ ...production, DINGTALK_CALLBACK_TOKEN: SANDBOX_DINGTALK.callbackToken, DINGTALK_CALLBACK_AES_KEY: SANDBOX_DINGTALK.callbackAesKey }))
      .toEqual(['DINGTALK_CALLBACK_TOKEN', 'DINGTALK_CALLBACK_AES_KEY']);
  });

  it('lists incomplete DingTalk settings instead of failing later (an app key without an agent id)', () => {
    const { DINGTALK_AGENT_ID: _a, ...partial } = production;
    expect(problemsOf(partial)).toEqual(['DINGTALK_AGENT_ID: required with DingTalk credentials']);
    expect(problemsOf({ ...production, DINGTALK_AGENT_ID: 'agent-1' })).toEqual(['DINGTALK_AGENT_ID: must be the numeric AgentId']);
  });

  it('reports every invalid setting at once', () => {
    expect(fieldsOf({ PORT: 'eighty', DATABASE_URL: 'postgres://x', INGEST_SECRET: 'short', SEED_DEMO: 'maybe' }).sort()).toEqual(['DATABASE_URL', 'INGEST_SECRET', 'PORT', 'SEED_DEMO']);
  });

  it('reads role lists and derives the approval originator from the first HR user', () => {
    const config = loadConfig({ ...production, ADMIN_USER_IDS: 'boss' });
    expect(config.roles).toEqual({ adminUserIds: ['boss'], hrUserIds: ['hr-a', 'hr-b'], originatorUserId: 'hr-a' });
    expect(loadConfig({ ...production, DINGTALK_ORIGINATOR_USER_ID: 'robot' }).roles.originatorUserId).toBe('robot');
  });

  it('uses the demo organisation roles in sandbox mode and times reviews in hours', () => {
    const config = loadConfig({ REVIEW_REMIND_AFTER_HOURS: '2' });
    expect(config.roles).toEqual({ adminUserIds: ['admin01'], hrUserIds: ['hr01'], originatorUserId: 'hr01' });
    expect(config.review).toEqual({ remindAfterMs: 7_200_000, escalateAfterMs: 7_200_000, reconcileAfterMs: 600_000 });
  });

  it('accepts a complete production configuration, on DingTalk hosts', () => {
    const config = loadConfig(production);
    expect([config.strict, config.trustProxy, config.dingtalk.sandbox, config.dingtalk.apiBase, config.dingtalk.callbackOwnerKey])
      .toEqual([true, true, false, 'https://api.dingtalk.com', 'dingrealappkey']);
  });

  it('refuses sandbox base URLs in production', () => {
    expect(problemsOf({ ...production, DINGTALK_API_BASE: 'http://127.0.0.1:3100' })).toEqual(['DINGTALK_API_BASE: must be a DingTalk host in production (got http://127.0.0.1:3100)']);
  });

  it('points at the local sandbox when no DingTalk credentials are set', () => {
    expect(loadConfig({ SANDBOX_PORT: '3200' }).dingtalk).toMatchObject({ sandbox: true, apiBase: 'http://127.0.0.1:3200', oapiBase: 'http://127.0.0.1:3200' });
  });
});

describe('withDemoSecrets', () => {
  it('generates the demo secrets once, keeps them in the data folder with mode 0600 and reuses them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aireview-secrets-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}` };
    const first = loadConfig(withDemoSecrets(env));
    const second = loadConfig(withDemoSecrets(env));
    expect([second.sessionSecret, second.ingestSecret, second.vendorWebhookSecret]).toEqual([first.sessionSecret, first.ingestSecret, first.vendorWebhookSecret]);
    const file = join(dir, 'secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).INGEST_SECRET).toBe(first.ingestSecret);
    expect(readDemoSecrets(env).INGEST_SECRET).toBe(first.ingestSecret);
    // A configured secret wins over the stored one.
    expect(loadConfig(withDemoSecrets({ ...env, INGEST_SECRET: 'configured-ingest-secret-000000000' })).ingestSecret).toBe('configured-ingest-secret-000000000');
  });

  it('leaves strict mode alone: nothing generated, the secrets stay required', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aireview-secrets-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'app.sqlite')}`, DINGTALK_APP_KEY: 'dingrealappkey' };
    expect(withDemoSecrets(env)).toBe(env);
    expect(readDemoSecrets(env)).toEqual({});
  });
});

describe('.env.example', () => {
  it('documents exactly the settings the server reads', () => {
    const example = readFileSync(new URL('../../../.env.example', import.meta.url), 'utf8');
    const documented = [...example.matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...SETTING_NAMES].sort());
  });
});

describe('parseDatabaseUrl', () => {
  it('reads the MySQL database name', () => {
    expect(parseDatabaseUrl('mysql://root:pw@db.internal:3306/hiring', 20)).toEqual({ type: 'mysql', url: 'mysql://root:pw@db.internal:3306/hiring', database: 'hiring', poolSize: 20 });
  });
});
