/**
 * `npm run bench:list [-- --candidates 500 --seconds 10 --connections 20 --database mysql://…]`
 *
 * The HR view under load on 127.0.0.1: a server with `--candidates` ingested interviews (workers off),
 * then autocannon pages through `GET /api/v1/applications` (first page, 20 per page) and opens
 * candidate files as HR, for a bounded time each. Prints requests/s and latency percentiles.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannonModule from 'autocannon';
import { signSession } from '../../server/src/auth/session.js';
import { ingestInterviewResult } from '../../server/src/commands/ingestInterviewResult.js';
import { createPosition } from '../../server/src/commands/positions.js';
import { loadConfig } from '../../server/src/config.js';
import { Application, User } from '../../server/src/db/entities/index.js';
import { DEMO_POSITIONS } from '../../server/src/seed/demoPositions.js';
import { buildDemoInterviews } from '../../server/src/seed/demoInterviews.js';
import { startServer } from '../../server/src/server.js';

interface Result {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
}
const autocannon = autocannonModule as unknown as (options: Record<string, unknown>) => Promise<Result>;

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '500' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    database: { type: 'string' },
  },
});
const seconds = Math.min(60, Math.max(1, Number(values.seconds)));
const dir = mkdtempSync(join(tmpdir(), 'aireview-bench-'));
const secret = 'bench-session-secret-0123456789';
const config = loadConfig({
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  SEED_DEMO: 'false',
  SESSION_SECRET: secret,
  DATABASE_URL: values.database ?? `sqlite:${join(dir, 'bench.sqlite')}`,
  RECORDINGS_DIR: join(dir, 'rec'),
});
const server = await startServer(config, { noWorkers: true });
for (const position of DEMO_POSITIONS) {
  if (!(await server.ds.query('SELECT id FROM positions WHERE code = ?', [position.code])).length) await createPosition({ ds: server.ds }, position);
}
const now = new Date();
await server.ds.getRepository(User).upsert(
  { id: 'bench-hr', dingtalkUserId: 'bench-hr', unionId: null, name: '压测HR', title: null, departmentIds: [200], role: 'hr', createdAt: now, updatedAt: now },
  ['dingtalkUserId'],
);

const run = Date.now().toString(36);
const count = Number(values.candidates);
const samples = buildDemoInterviews({ count: 40, seed: 11 });
for (let i = 0; i < count; i++) {
  const sample = samples[i % samples.length]!;
  await ingestInterviewResult({ ds: server.ds }, {
    ...sample,
    interviewId: `LIST-${run}-${i}`,
    candidate: { ...sample.candidate, externalId: `LIST-${run}-${i}`, phone: `188${String(i).padStart(8, '0')}` },
  });
}
const token = signSession(secret, { sub: 'bench-hr', role: 'hr', name: '压测HR', dept: [200], exp: Date.now() + 3_600_000 });
const headers = { authorization: `Bearer ${token}` };
const ids = (await server.ds.getRepository(Application).find({ select: { id: true }, take: 200 })).map((a) => a.id);
let next = 0;

const report = (name: string, result: Result) =>
  `${name}\n  requests/s   ${result.requests.average.toFixed(1)}  (total ${result.requests.total}, non-2xx ${result.non2xx}, errors ${result.errors})\n  latency ms   p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}\n`;

const list = await autocannon({ url: `${server.url}/api/v1/applications?limit=20`, headers, connections: Number(values.connections), duration: seconds });
const files = await autocannon({
  url: server.url,
  headers,
  connections: Number(values.connections),
  duration: seconds,
  requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/api/v1/applications/${ids[next++ % ids.length]}` }) }],
});
process.stdout.write(`HR views on ${config.database.type} with ${count} candidates, ${values.connections} connections, ${seconds} s each\n`);
process.stdout.write(report('GET /api/v1/applications (first page)', list));
process.stdout.write(report('GET /api/v1/applications/{id} (candidate file, audited)', files));
await server.close();
