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
      expect((error as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['INGEST_SECRET', 'SESSION_SECRET']);
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

  it('accepts production with real secrets and SEED_DEMO=false', () => {
    const config = loadConfig({ NODE_ENV: 'production', INGEST_SECRET: 'a'.repeat(32), SESSION_SECRET: 'b'.repeat(32), SEED_DEMO: 'false' });
    expect(config.seedDemo).toBe(false);
  });
});

describe('parseDatabaseUrl', () => {
  it('reads the MySQL database name', () => {
    expect(parseDatabaseUrl('mysql://root:pw@db.internal:3306/hiring', 20)).toEqual({ type: 'mysql', url: 'mysql://root:pw@db.internal:3306/hiring', database: 'hiring', poolSize: 20 });
  });
});
