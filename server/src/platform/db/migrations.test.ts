import { MIGRATIONS } from './migrations/index.js';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../../test/db.js';

describeEachDb('migrations', (db) => {
  it('creates every table and records the migration', async () => {
    const runner = db.ds.createQueryRunner();
    try {
      for (const table of ['applications', 'candidates', 'interview_rounds', 'scenario_results', 'outbox', 'inbound_events', 'audit_log', 'reviews', 'supplementary_requests']) {
        expect(await runner.hasTable(table), table).toBe(true);
      }
    } finally {
      await runner.release();
    }
    expect(await db.ds.showMigrations()).toBe(false);
  });

  it('stores a persona author id of 64 characters', async () => {
    const runner = db.ds.createQueryRunner();
    try {
      const column = (await runner.getTable('evaluation_models'))!.findColumnByName('createdBy')!;
      expect(column.length).toBe('64');
      expect((await runner.getTable('applications'))!.indices.map((i) => i.name)).toContain('IDX_applications_recent');
    } finally {
      await runner.release();
    }
  });

  it('reverts every migration cleanly, newest first, and re-applies them', async () => {
    const runner = db.ds.createQueryRunner();
    const known = [...db.ds.entityMetadatas.map((m) => m.tableName), 'rate_limits'];
    const tables = async () => {
      const present: string[] = [];
      for (const name of known) if (await runner.hasTable(name)) present.push(name);
      return present.sort();
    };
    try {
      const seen: string[][] = [await tables()];
      for (let i = 0; i < MIGRATIONS.length; i += 1) {
        await db.ds.undoLastMigration({ transaction: 'each' });
        seen.push(await tables());
      }
      // Each revert removed something, the last one everything, and the older tables outlived the newer.
      for (let i = 1; i < seen.length; i += 1) expect(seen[i]!.length).toBeLessThanOrEqual(seen[i - 1]!.length);
      expect(seen.at(-1)).toEqual([]);
      const gone = (table: string) => seen.findIndex((present) => !present.includes(table));
      expect(gone('sessions')).toBeLessThan(gone('reviews'));
      expect(gone('reviews')).toBeLessThan(gone('applications'));
    } finally {
      await runner.release();
    }
    await db.ds.runMigrations({ transaction: 'each' });
    expect(await db.ds.showMigrations()).toBe(false);
  });
}, { clearEach: false });
