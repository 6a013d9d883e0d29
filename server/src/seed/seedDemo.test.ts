import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { Application, ScenarioResult, User } from '../platform/db/entities/index.js';
import { createLocalStorage } from '../platform/storage/storage.js';
import { describeEachDb } from '../../test/db.js';
import { buildTestDeps } from '../../test/testApp.js';
import { listAlerts } from '../reports/index.js';
import { buildDemoBatch, DEMO_BATCH } from './demoBatch.js';
import { seedDemo } from './seedDemo.js';

describeEachDb('seedDemo', (db) => {
  it('fills an empty database once through the ingestion commands, with playable recordings', async () => {
    const storage = createLocalStorage(mkdtempSync(join(tmpdir(), 'aireview-seed-')));
    const deps = buildTestDeps(db.ds, { storage });
    const outcome = await seedDemo(deps);
    expect(outcome.seeded).toBe(true);
    expect(outcome.interviews).toBeGreaterThanOrEqual(40);
    expect(await db.ds.getRepository(Application).count()).toBe(outcome.interviews);
    expect(await db.ds.getRepository(User).countBy({ role: 'supervisor' })).toBeGreaterThanOrEqual(2);
    const withAudio = await db.ds.getRepository(ScenarioResult).find({ where: {}, select: { recordingKey: true, recordingBytes: true } });
    const recorded = withAudio.filter((s) => s.recordingKey);
    expect(recorded.length).toBe(outcome.recordings);
    expect(await storage.size(recorded[0]!.recordingKey!)).toBe(recorded[0]!.recordingBytes);

    // The weak batch is there for 数据看板 to find, computed like any other batch.
    const alerts = await listAlerts(deps, { userId: 'hr01', name: 'HR', role: 'hr', departmentIds: [] }, {});
    const batch = buildDemoBatch({ now: deps.clock.now() })[0]!.batchId;
    expect(alerts.find((a) => a.kind === 'batch_below_threshold' && a.dimension === 'serviceAwareness')).toMatchObject({ batch, n: DEMO_BATCH.size, positionCode: 'CS-GENERAL' });

    expect(await seedDemo(deps)).toEqual({ seeded: false, interviews: 0, recordings: 0 });
  });
});
