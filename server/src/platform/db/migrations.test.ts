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
    await db.ds.undoLastMigration({ transaction: 'each' });
    await db.ds.undoLastMigration({ transaction: 'each' });
    const runner = db.ds.createQueryRunner();
    try {
      expect(await runner.hasTable('reviews')).toBe(false);
      expect(await runner.hasTable('applications')).toBe(true);
      await db.ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('applications')).toBe(false);
    } finally {
      await runner.release();
    }
    await db.ds.runMigrations({ transaction: 'each' });
    expect(await db.ds.showMigrations()).toBe(false);
  });
}, { clearEach: false });
