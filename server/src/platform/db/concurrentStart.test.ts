import { describe, expect, it } from 'vitest';
import { REQUIRE_MYSQL, createMysqlDatabase, mysqlProblem } from '../../../test/db.js';
import { openDatabase } from './dataSource.js';
import { MIGRATIONS } from './migrations/index.js';

/** Several instances starting at once on one MySQL database (a rolling deploy behind a load balancer). */
describe.skipIf(mysqlProblem !== null && !REQUIRE_MYSQL)('instances starting together on MySQL', () => {
  it('migrate the database once between them, and all of them start', async () => {
    if (mysqlProblem) throw new Error(`MySQL unavailable: ${mysqlProblem}`);
    const created = await createMysqlDatabase();
    try {
      const sources = await Promise.all([openDatabase(created.config), openDatabase(created.config), openDatabase(created.config)]);
      try {
        const applied = (await sources[0]!.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[];
        expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
        for (const ds of sources) expect(await ds.showMigrations()).toBe(false);
      } finally {
        await Promise.all(sources.map((ds) => ds.destroy()));
      }
    } finally {
      await created.drop();
    }
  });
});
