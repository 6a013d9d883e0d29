import { pino } from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/dataSource.js';
import { buildTestApp } from '../../../test/testApp.js';

/** A logger whose JSON lines the test can read. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

const DRIVER_ERROR = 'connect ECONNREFUSED 10.20.30.40:3306 (user aireview_prod)';

/** Liveness and readiness (SQLite; the probe's failures are simulated). */
describe('health endpoints', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await openDatabase({ type: 'sqlite', path: ':memory:' });
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('answers /readyz 200 when the database answers and migrations are applied', async () => {
    const res = await request(buildTestApp(ds).server).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('ready');
  });

  it('answers 503 not_ready without the driver error, which goes to the log', async () => {
    const { log, lines } = capturingLogger();
    const { server } = buildTestApp(ds, { log });
    vi.spyOn(ds, 'query').mockRejectedValueOnce(new Error(DRIVER_ERROR));
    const res = await request(server).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('not_ready');
    expect(res.text).not.toContain('ECONNREFUSED');
    expect(res.text).not.toContain('10.20.30.40');
    expect(lines.some((line) => JSON.stringify(line).includes(DRIVER_ERROR))).toBe(true);
  });

  it('answers 503 not_ready while migrations are pending', async () => {
    vi.spyOn(ds, 'showMigrations').mockResolvedValueOnce(true);
    const res = await request(buildTestApp(ds).server).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('not_ready');
  });
});
