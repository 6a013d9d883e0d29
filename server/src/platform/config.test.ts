import { describe, expect, it } from 'vitest';
import { ConfigError, DEV_DEFAULTS, loadConfig, parseDatabaseUrl } from './config.js';

describe('loadConfig', () => {
  it('runs with no configuration: SQLite under ./data and the development secret', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ type: 'sqlite', path: './data/app.sqlite' });
    expect(config.port).toBe(3000);
    expect(config.ingestSecret).toBe(DEV_DEFAULTS.ingestSecret);
    expect(config.seedDemo).toBe(true);
  });

  it('refuses default secrets in production, naming each one', () => {
    try {
      loadConfig({ NODE_ENV: 'production' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['INGEST_SECRET', 'SESSION_SECRET', 'DINGTALK_APP_KEY', 'DINGTALK_API_BASE', 'DINGTALK_OAPI_BASE']);
    }
  });

  it('reports every invalid setting at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x', INGEST_SECRET: 'short', SEED_DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]).sort();
      expect(fields).toEqual(['DATABASE_URL', 'INGEST_SECRET', 'PORT', 'SEED_DEMO']);
    }
  });

  const production = {
    NODE_ENV: 'production', INGEST_SECRET: 'a'.repeat(32), SESSION_SECRET: 'b'.repeat(32), SEED_DEMO: 'false',
    DINGTALK_APP_KEY: 'dingrealappkey', DINGTALK_APP_SECRET: 'secret', DINGTALK_AGENT_ID: '123', DINGTALK_PROCESS_CODE: 'PROC-1',
    DINGTALK_CALLBACK_TOKEN: 'tok', DINGTALK_CALLBACK_AES_KEY: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
    HR_USER_IDS: 'hr-a, hr-b',
  };

  it('reads role lists and derives the approval originator from the first HR user', () => {
    const config = loadConfig({ ...production, ADMIN_USER_IDS: 'boss' });
    expect(config.roles).toEqual({ adminUserIds: ['boss'], hrUserIds: ['hr-a', 'hr-b'], originatorUserId: 'hr-a' });
    expect(loadConfig({ ...production, DINGTALK_ORIGINATOR_USER_ID: 'robot' }).roles.originatorUserId).toBe('robot');
  });

  it('requires HR users in production', () => {
    const { HR_USER_IDS: _h, ...partial } = production;
    expect(() => loadConfig(partial)).toThrow(/HR_USER_IDS: at least one/);
  });

  it('uses the demo organisation roles in sandbox mode and times reviews in hours', () => {
    const config = loadConfig({ REVIEW_REMIND_AFTER_HOURS: '2' });
    expect(config.roles).toEqual({ adminUserIds: ['admin01'], hrUserIds: ['hr01'], originatorUserId: 'hr01' });
    expect(config.review).toEqual({ remindAfterMs: 7_200_000, escalateAfterMs: 7_200_000, reconcileAfterMs: 600_000 });
  });

  it('accepts production with real secrets and DingTalk credentials, on DingTalk hosts', () => {
    const config = loadConfig(production);
    expect(config.seedDemo).toBe(false);
    expect([config.dingtalk.sandbox, config.dingtalk.apiBase, config.dingtalk.callbackOwnerKey]).toEqual([false, 'https://api.dingtalk.com', 'dingrealappkey']);
  });

  it('names every missing DingTalk credential in production', () => {
    const { DINGTALK_APP_SECRET: _s, DINGTALK_CALLBACK_AES_KEY: _k, ...partial } = production;
    expect(() => loadConfig(partial)).toThrow(/DINGTALK_APP_SECRET: required[\s\S]*DINGTALK_CALLBACK_AES_KEY: required/);
  });

  it('refuses sandbox base URLs in production', () => {
    expect(() => loadConfig({ ...production, DINGTALK_API_BASE: 'http://127.0.0.1:3100' })).toThrow(/DINGTALK_API_BASE: must be a DingTalk host/);
  });

  it('points at the local sandbox when no DingTalk credentials are set', () => {
    expect(loadConfig({ SANDBOX_PORT: '3200' }).dingtalk).toMatchObject({ sandbox: true, apiBase: 'http://127.0.0.1:3200', oapiBase: 'http://127.0.0.1:3200' });
  });
});

describe('parseDatabaseUrl', () => {
  it('reads the MySQL database name', () => {
    expect(parseDatabaseUrl('mysql://root:pw@db.internal:3306/hiring', 20)).toEqual({ type: 'mysql', url: 'mysql://root:pw@db.internal:3306/hiring', database: 'hiring', poolSize: 20 });
  });
});
