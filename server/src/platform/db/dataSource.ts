import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config.js';
import { ENTITIES } from './entities/index.js';
import { MIGRATIONS } from './migrations/index.js';

/** Build (not initialise) the TypeORM data source for SQLite or MySQL. `synchronize` is always off. */
export function createDataSource(db: DatabaseConfig): DataSource {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      enableWAL: db.path !== ':memory:',
      prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
      },
    });
  }
  return new DataSource({
    ...common,
    type: 'mysql',
    url: db.url,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    poolSize: db.poolSize,
    extra: { connectionLimit: db.poolSize },
  });
}

/** How long an instance waits for another one that is migrating the same MySQL database. */
const MIGRATION_LOCK_SECONDS = 120;

/**
 * Initialise and apply pending migrations (each in its own transaction). On MySQL, instances that
 * start together take turns under a named lock (MySQL DDL is not transactional): the first one
 * migrates, the others then find nothing pending.
 */
export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const ds = createDataSource(db);
  await ds.initialize();
  try {
    if (db.type === 'mysql') await withMysqlLock(ds, `aireview_migrate:${db.database}`.slice(0, 64), () => ds.runMigrations({ transaction: 'each' }));
    else await ds.runMigrations({ transaction: 'each' });
  } catch (error) {
    await ds.destroy();
    throw error;
  }
  return ds;
}

async function withMysqlLock<T>(ds: DataSource, name: string, work: () => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [name, MIGRATION_LOCK_SECONDS])) as { got: number | string | null }[];
    if (Number(row?.got) !== 1) throw new Error(`waited ${MIGRATION_LOCK_SECONDS} s for another instance to finish migrating; giving up`);
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await runner.release();
  }
}

export async function pendingMigrations(ds: DataSource): Promise<boolean> {
  return ds.showMigrations();
}
