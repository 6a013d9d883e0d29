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

/** Initialise and apply pending migrations (each in its own transaction). */
export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const ds = createDataSource(db);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

export async function pendingMigrations(ds: DataSource): Promise<boolean> {
  return ds.showMigrations();
}
