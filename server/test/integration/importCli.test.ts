import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import type { CalibrationView } from '@aireview/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.js';
import { withDemoSecrets } from '../../src/platform/demoSecrets.js';
import { Application, EvaluationModelVersion, OutboxMessage, PerformanceRecord, Position } from '../../src/platform/db/entities/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { bearer } from '../fixtures.js';

const exec = promisify(execFile);
const ROOT = new URL('../../../', import.meta.url).pathname;
const TSX = join(ROOT, 'node_modules/.bin/tsx');

/** Run a script; a non-zero exit (2 = some lines rejected) is returned, not thrown. */
async function run(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(TSX, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('import CLIs against a running server, fed by the history generator', () => {
  let server: RunningServer;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aireview-import-'));
    const databaseUrl = `sqlite:${dir}/app.sqlite`;
    // As npm start does: the demo's secrets (IMPORT_SECRET among them) are generated into the data folder, where the CLIs find them.
    server = await startServer(loadConfig(withDemoSecrets({ PORT: '0', DATABASE_URL: databaseUrl, RECORDINGS_DIR: `${dir}/rec`, LOG_LEVEL: 'silent' })), { noWorkers: true });
    env = { IMPORT_SECRET: '', DATABASE_URL: databaseUrl, SERVER_URL: server.url };
    const generated = await run(['scripts/calibration/generateHistory.ts', '--n', '600', '--seed', '11', '--out', `${dir}/history.jsonl`, '--performance', `${dir}/performance.jsonl`], env);
    expect(generated.code).toBe(0);
  }, 120_000);
  afterAll(async () => server?.close());

  it('imports history in batches, names rejected lines, replays a second run, and starts no review', async () => {
    const hires = readFileSync(`${dir}/history.jsonl`, 'utf8').trim().split('\n').length;
    expect(hires).toBeGreaterThan(500);
    appendFileSync(`${dir}/history.jsonl`, '{not json\n{"interview":{},"outcome":{"stage":"hired"}}\n');
    const outboxBefore = await server.deps.ds.getRepository(OutboxMessage).count();

    const first = await run(['scripts/imports/importHistory.ts', `${dir}/history.jsonl`], env);
    expect(first.code, first.stderr).toBe(2);
    expect(first.stdout).toContain(`accepted ${hires}, replayed 0, rejected 2`);
    expect(first.stdout).toContain(`line ${hires + 1}: malformed_json`);
    expect(first.stdout).toContain(`line ${hires + 2}: invalid_record`);
    expect(await server.deps.ds.getRepository(Application).countBy({ imported: true, stage: 'hired' })).toBe(hires);
    expect(await server.deps.ds.getRepository(OutboxMessage).count()).toBe(outboxBefore);

    const second = await run(['scripts/imports/importHistory.ts', `${dir}/history.jsonl`], env);
    expect(second.stdout).toContain(`accepted 0, replayed ${hires}, rejected 2`);
  }, 180_000);

  it('imports performance from the generator (JSONL) and from an xlsx sheet, naming rejected lines and rows', async () => {
    const months = readFileSync(`${dir}/performance.jsonl`, 'utf8').trim().split('\n');
    // The generator does not clamp satisfaction to 0..100: such lines are refused and named.
    const outOfRange = months.flatMap((m, i) => ((JSON.parse(m) as { satisfaction: number }).satisfaction > 100 ? [i + 1] : []));
    appendFileSync(`${dir}/performance.jsonl`, `${JSON.stringify({ employeeId: 'emp-nobody', period: '2025-01', satisfaction: 80 })}\n`);
    const jsonl = await run(['scripts/imports/importPerformance.ts', `${dir}/performance.jsonl`], env);
    const accepted = months.length - outOfRange.length;
    expect(jsonl.stdout, jsonl.stderr).toContain(`accepted ${accepted}, replayed 0, rejected ${outOfRange.length + 1}`);
    for (const line of outOfRange) expect(jsonl.stdout).toContain(`line ${line}: invalid_record`);
    expect(jsonl.stdout).toContain(`line ${months.length + 1}: unknown_employee`);
    expect(await server.deps.ds.getRepository(PerformanceRecord).count()).toBe(accepted);

    const first = JSON.parse(months[0]!) as { employeeId: string; period: string };
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('绩效');
    sheet.addRow(['工号', '月份', '质检分']);
    sheet.addRow([first.employeeId, first.period, 88]);
    sheet.addRow(['emp-nobody', first.period, 70]);
    writeFileSync(`${dir}/qa.xlsx`, Buffer.from(await book.xlsx.writeBuffer()));
    const xlsx = await run(['scripts/imports/importPerformance.ts', `${dir}/qa.xlsx`], env);
    expect(xlsx.stdout, xlsx.stderr).toContain('accepted 1, replayed 0, rejected 1');
    expect(xlsx.stdout).toContain('row 3: unknown_employee');
  }, 180_000);

  it('calibrates on what the public API imported: HR reads a recommendation and applies it as a new model version', async () => {
    const hr = await bearer(server.deps, { userId: 'hr01', name: 'HR', role: 'hr', departmentIds: [] });
    const api = (path: string, init: RequestInit = {}) => fetch(new URL(path, server.url), { ...init, headers: { ...hr, 'Content-Type': 'application/json', ...init.headers } });
    const read = await api('/api/v1/positions/CS-GENERAL/calibration?outcome=satisfaction');
    expect(read.status).toBe(200);
    const view = ((await read.json()) as { data: CalibrationView }).data;
    const imported = await server.deps.ds.getRepository(PerformanceRecord).count();
    // Every imported month belongs to one generated hire of CS-GENERAL (the sheet row above re-wrote one of them).
    expect(view.n).toBe(imported);
    expect(view.sufficient).toBe(true);
    expect(view.recommended, view.reason).not.toBeNull();

    const applied = await api('/api/v1/positions/CS-GENERAL/calibration/apply', { method: 'POST', body: JSON.stringify({ outcome: 'satisfaction', expectedVersion: view.current.modelVersion }) });
    expect(applied.status, await applied.clone().text()).toBe(200);
    const position = await server.deps.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' });
    expect(position.currentModelVersion).toBe(view.current.modelVersion + 1);
    const published = await server.deps.ds.getRepository(EvaluationModelVersion).findOneByOrFail({ positionId: position.id, version: position.currentModelVersion });
    for (const [dimension, weight] of Object.entries(view.recommended!.weights)) expect(published.model.weights[dimension as keyof typeof published.model.weights] ?? 0).toBeCloseTo(weight!, 6);

    // The same apply again is stale now.
    const stale = await api('/api/v1/positions/CS-GENERAL/calibration/apply', { method: 'POST', body: JSON.stringify({ outcome: 'satisfaction', expectedVersion: view.current.modelVersion }) });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: { code: string } }).error.code).toBe('concurrent_update');
  }, 60_000);
});
