import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannonModule from 'autocannon';
import { createPosition } from '../../server/src/personas/index.js';
import { loadConfig, type Config } from '../../server/src/platform/config.js';
import { DEMO_POSITIONS } from '../../server/src/seed/demoPositions.js';
import { startServer, type RunningServer } from '../../server/src/server.js';

/** The part of autocannon's result the benchmarks print. */
export interface BenchResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}

export const autocannon = autocannonModule as unknown as (options: Record<string, unknown>) => Promise<BenchResult>;

/** The shared benchmark options: `--seconds` (1..60), `--connections`, `--database`. */
export const BENCH_OPTIONS = {
  seconds: { type: 'string', default: '10' },
  connections: { type: 'string', default: '20' },
  database: { type: 'string' },
} as const;

export function boundedSeconds(value: string): number {
  return Math.min(60, Math.max(1, Number(value)));
}

/**
 * A server on 127.0.0.1 for a benchmark: a fresh temporary SQLite database unless `database` is given,
 * the demo positions, no demo data and no background workers.
 */
export async function startBenchServer(database: string | undefined, env: Record<string, string> = {}): Promise<{ server: RunningServer; config: Config }> {
  const dir = mkdtempSync(join(tmpdir(), 'aireview-bench-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'false',
    DATABASE_URL: database ?? `sqlite:${join(dir, 'bench.sqlite')}`,
    RECORDINGS_DIR: join(dir, 'rec'),
    // A benchmark is one client pushing far beyond a vendor's budget on purpose: measure the server, not the limiter.
    RATE_LIMIT_INGEST_PER_MINUTE: '1000000',
    RATE_LIMIT_API_PER_MINUTE: '1000000',
    ...env,
  });
  const server = await startServer(config, { noWorkers: true });
  for (const position of DEMO_POSITIONS) {
    if (!(await server.deps.ds.query('SELECT id FROM positions WHERE code = ?', [position.code])).length) await createPosition(server.deps, position);
  }
  return { server, config };
}

export function formatResult(name: string, result: BenchResult): string {
  return [
    name,
    `  requests/s   ${result.requests.average.toFixed(1)}  (total ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors})`,
    `  latency ms   p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`,
    '',
  ].join('\n');
}
