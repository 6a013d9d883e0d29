import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';

describeEachDb('migrations', (db) => {
  it('creates every table and records the migration', async () => {
    const runner = db.ds.createQueryRunner();
    try {
      for (const table of ['applications', 'candidates', 'interview_rounds', 'scenario_results', 'outbox', 'inbound_events', 'audit_log']) {
        expect(await runner.hasTable(table), table).toBe(true);
      }
    } finally {
      await runner.release();
    }
    expect(await db.ds.showMigrations()).toBe(false);
  });

  it('reverts cleanly and re-applies', async () => {
    await db.ds.undoLastMigration({ transaction: 'each' });
    const runner = db.ds.createQueryRunner();
    try {
      expect(await runner.hasTable('applications')).toBe(false);
    } finally {
      await runner.release();
    }
    await db.ds.runMigrations({ transaction: 'each' });
    expect(await db.ds.showMigrations()).toBe(false);
  });
}, { clearEach: false });
