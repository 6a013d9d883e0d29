import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { withDemoSecrets } from '../../src/platform/demoSecrets.js';
import { Application, ScenarioResult } from '../../src/platform/db/entities/index.js';
import { startServer, type RunningServer } from '../../src/server.js';

const run = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;

describe('vendor simulator against a running server', () => {
  let server: RunningServer;
  let databaseUrl: string;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aireview-it-'));
    databaseUrl = `sqlite:${dir}/app.sqlite`;
    // As npm start does: the demo's secrets are generated into the data folder, where the simulator finds them.
    server = await startServer(loadConfig(withDemoSecrets({ PORT: '0', DATABASE_URL: databaseUrl, RECORDINGS_DIR: `${dir}/rec`, LOG_LEVEL: 'silent' })), { noWorkers: true });
  });
  afterAll(async () => server?.close());

  it('a signed push creates a complete candidate file with recordings', async () => {
    const before = await server.deps.ds.getRepository(Application).count();
    const { stdout } = await run(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/vendorSimulator.ts', '--position', 'CS-FRESH', '--server', server.url], { cwd: ROOT, env: { ...process.env, INGEST_SECRET: '', DATABASE_URL: databaseUrl } });
    expect(stdout).toContain('→ 201');
    const interviewId = /"interviewId": "([^"]+)"/.exec(stdout)?.[1];
    expect(interviewId).toMatch(/^SIM-/);
    expect(await server.deps.ds.getRepository(Application).count()).toBe(before + 1);
    const scenarios = await server.deps.ds.getRepository(ScenarioResult).createQueryBuilder('s')
      .innerJoin('interview_rounds', 'r', 'r.id = s.roundId')
      .where('r.interviewId = :interviewId', { interviewId })
      .getMany();
    expect(scenarios.length).toBeGreaterThanOrEqual(3);
    expect(scenarios.map((s) => s.scenarioId)).toContain('fresh_spoiled');
    expect(scenarios.every((s) => s.recordingKey && s.recordingBytes && s.recordingBytes > 1000)).toBe(true);
  });
});
