import type { DataSource, EntityManager } from 'typeorm';

/** SQLite has one connection: serialise transactions so they never interleave on it. */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

export function isMysql(ds: DataSource): boolean {
  return ds.options.type === 'mysql' || ds.options.type === 'mariadb';
}

/** Run `work` in one transaction; the only way commands open transactions. */
export function inTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (isMysql(ds)) return ds.transaction(work);
  const previous = sqliteQueues.get(ds) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => ds.transaction(work));
  sqliteQueues.set(ds, next);
  return next;
}

/** True for a unique-key violation on either dialect (a concurrent insert won the race). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e.driverError?.code ?? e.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
