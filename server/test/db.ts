import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { parseDatabaseUrl, type DatabaseConfig } from '../src/platform/config.js';
import { openDatabase } from '../src/platform/db/dataSource.js';

/**
 * Run a suite against SQLite and against the real MariaDB/MySQL server.
 * Locally a missing MySQL server skips its half with a visible message; with CI=true it fails.
 */
export type Dialect = 'sqlite' | 'mysql';

const MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/aireview_test';
const REQUIRE_MYSQL = process.env.CI === 'true' || process.env.REQUIRE_MYSQL === 'true';

async function probeMysql(): Promise<string | null> {
  try {
    const conn = await mysql.createConnection({ uri: MYSQL_URL.replace(/\/[^/]*$/, '/'), connectTimeout: 2000 });
    await conn.end();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export const mysqlProblem = await probeMysql();
export { REQUIRE_MYSQL };
if (mysqlProblem && !REQUIRE_MYSQL) {
  process.stderr.write(`\n[db tests] MySQL at ${MYSQL_URL} unavailable (${mysqlProblem}): MySQL suites SKIPPED. Set CI=true to make this a failure.\n`);
}

/** Tables in delete order (children first). */
const TABLES = [
  'sessions', 'alert_notices', 'training_assignments', 'training_rule_versions', 'performance_records', 'supplementary_requests', 'reviews', 'inbound_events', 'outbox', 'audit_log', 'stage_history', 'reports', 'score_records', 'dimension_scores',
  'recording_versions', 'scenario_results', 'interview_rounds', 'applications', 'candidates', 'evaluation_models', 'positions', 'users', 'departments',
];

/** Counters, not data: cleared between tests but not counted as writes (every request may count). */
const COUNTER_TABLES = ['rate_limits'];

export async function clearTables(ds: DataSource): Promise<void> {
  for (const table of [...COUNTER_TABLES, ...TABLES]) await ds.query(`DELETE FROM ${table}`);
}

export async function countRows(ds: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = (await ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[];
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

/** Create a throwaway database for one test file; returns its config and a drop function. */
export async function createMysqlDatabase(): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const base = new URL(MYSQL_URL);
  const name = `${base.pathname.replace(/^\//, '') || 'aireview_test'}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ uri: MYSQL_URL.replace(/\/[^/]*$/, '/') });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  base.pathname = `/${name}`;
  return {
    config: parseDatabaseUrl(base.toString(), 5),
    drop: async () => {
      const conn = await mysql.createConnection({ uri: MYSQL_URL.replace(/\/[^/]*$/, '/') });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}

export interface DbContext {
  readonly ds: DataSource;
  readonly dialect: Dialect;
  /** DATABASE_URL of this database, for a child process (SQLite: only with `sqliteFile`). */
  readonly url: string;
}

/**
 * `describeEachDb('ingestion', (db) => { it(..., async () => db.ds …) })` runs the suite once per dialect.
 * Each dialect gets a fresh database with migrations applied; tables are emptied before every test.
 */
export function describeEachDb(name: string, suite: (db: DbContext) => void, options: { clearEach?: boolean; sqliteFile?: boolean } = {}): void {
  for (const dialect of ['sqlite', 'mysql'] as const) {
    if (dialect === 'mysql' && mysqlProblem) {
      if (REQUIRE_MYSQL) {
        describe(`${name} [mysql]`, () => {
          it('needs a reachable MySQL server (CI requires it)', () => {
            throw new Error(`MySQL unavailable at ${MYSQL_URL}: ${mysqlProblem}`);
          });
        });
      } else {
        describe.skip(`${name} [mysql] (MySQL unavailable)`, () => suite({ ds: undefined as never, dialect, url: '' }));
      }
      continue;
    }
    describe(`${name} [${dialect}]`, () => {
      const ctx = { dialect, url: '' } as { ds: DataSource; dialect: Dialect; url: string };
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        if (dialect === 'sqlite') {
          const path = options.sqliteFile ? join(mkdtempSync(join(tmpdir(), 'aireview-db-')), 'app.sqlite') : ':memory:';
          ctx.url = `sqlite:${path}`;
          ctx.ds = await openDatabase({ type: 'sqlite', path });
        } else {
          const created = await createMysqlDatabase();
          drop = created.drop;
          ctx.url = created.config.type === 'mysql' ? created.config.url : '';
          ctx.ds = await openDatabase(created.config);
        }
      });
      afterAll(async () => {
        await ctx.ds?.destroy();
        await drop?.();
      });
      if (options.clearEach !== false) beforeEach(async () => clearTables(ctx.ds));
      suite(ctx);
    });
  }
}
