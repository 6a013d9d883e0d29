/**
 * `npm run bench:ingest [-- --seconds 10 --connections 20 --database mysql://root@127.0.0.1:3306/aireview_bench]`
 *
 * Ingestion throughput on 127.0.0.1: a server with a fresh database (SQLite by default), the review
 * workers off (this measures the API and the candidate-file transaction), signed interviews with
 * unique ids pushed by autocannon for a bounded time. Prints requests/s and latency percentiles.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// autocannon ships no types; the part used here is small.
import autocannonModule from 'autocannon';
import { loadConfig } from '../../server/src/config.js';
import { createPosition } from '../../server/src/commands/positions.js';
import { signIngestBody } from '../../server/src/ingestSignature.js';
import { DEMO_POSITIONS } from '../../server/src/seed/demoPositions.js';
import { buildDemoInterviews } from '../../server/src/seed/demoInterviews.js';
import { startServer } from '../../server/src/server.js';

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<Result>;
const autocannon = autocannonModule as unknown as Autocannon;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    database: { type: 'string' },
  },
});
const seconds = Math.min(60, Math.max(1, Number(values.seconds)));
const dir = mkdtempSync(join(tmpdir(), 'aireview-bench-'));
const secret = 'bench-ingest-secret-0123456789';
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  INGEST_SECRET: secret,
  DATABASE_URL: values.database ?? `sqlite:${join(dir, 'bench.sqlite')}`,
  RECORDINGS_DIR: join(dir, 'rec'),
});
const server = await startServer(config, { noWorkers: true });
for (const position of DEMO_POSITIONS) {
  if (!(await server.ds.query('SELECT id FROM positions WHERE code = ?', [position.code])).length) await createPosition({ ds: server.ds }, position);
}

const samples = buildDemoInterviews({ count: 40, seed: 7 });
let sequence = 0;
const run = Date.now().toString(36);

const result = await autocannon({
  url: `${server.url}/api/v1/interview-results`,
  method: 'POST',
  connections: Number(values.connections),
  duration: seconds,
  headers: { 'content-type': 'application/json' },
  setupClient(client: { setHeadersAndBody: (headers: Record<string, string>, body: string) => void; on: (event: string, fn: () => void) => void }) {
    const next = () => {
      sequence += 1;
      const sample = samples[sequence % samples.length]!;
      const body = JSON.stringify({
        ...sample,
        interviewId: `BENCH-${run}-${sequence}`,
        candidate: { ...sample.candidate, externalId: `BENCH-${run}-${sequence}`, phone: `177${String(sequence).padStart(8, '0')}` },
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      client.setHeadersAndBody({ 'content-type': 'application/json', 'x-interview-timestamp': timestamp, 'x-interview-signature': signIngestBody(secret, timestamp, body) }, body);
    };
    next();
    client.on('response', next);
  },
});

process.stdout.write(
  [
    `ingestion on ${config.database.type}, ${values.connections} connections, ${seconds} s`,
    `  requests/s   ${result.requests.average.toFixed(1)}  (total ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors})`,
    `  latency ms   p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`,
    '',
  ].join('\n'),
);
await server.close();
