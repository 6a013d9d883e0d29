/**
 * `npm run bench:list [-- --candidates 500 --seconds 10 --connections 20 --database mysql://…]`
 *
 * The HR view under load on 127.0.0.1: a server with `--candidates` ingested interviews (workers off),
 * then autocannon pages through `GET /api/v1/applications` (first page, 20 per page) and opens
 * candidate files as HR, for a bounded time each. Prints requests/s and latency percentiles.
 */
import { parseArgs } from 'node:util';
import { openSession } from '../../server/src/auth/index.js';
import { ingestInterviewResult } from '../../server/src/interviews/index.js';
import { Application, User } from '../../server/src/platform/db/entities/index.js';
import { buildDemoInterviews } from '../../server/src/seed/demoInterviews.js';
import { BENCH_OPTIONS, autocannon, boundedSeconds, formatResult, startBenchServer } from './benchServer.js';

const { values } = parseArgs({ options: { ...BENCH_OPTIONS, candidates: { type: 'string', default: '500' } } });
const seconds = boundedSeconds(values.seconds);
const { server, config } = await startBenchServer(values.database, { HR_USER_IDS: 'bench-hr' });
const now = new Date();
await server.deps.ds.getRepository(User).upsert(
  { id: 'bench-hr', dingtalkUserId: 'bench-hr', unionId: null, name: '压测HR', title: null, departmentIds: [200], role: 'hr', createdAt: now, updatedAt: now },
  ['dingtalkUserId'],
);

const run = Date.now().toString(36);
const count = Number(values.candidates);
const samples = buildDemoInterviews({ count: 40, seed: 11 });
for (let i = 0; i < count; i++) {
  const sample = samples[i % samples.length]!;
  await ingestInterviewResult(server.deps, {
    ...sample,
    interviewId: `LIST-${run}-${i}`,
    candidate: { ...sample.candidate, externalId: `LIST-${run}-${i}`, phone: `188${String(i).padStart(8, '0')}` },
  });
}
const { token } = await openSession(server.deps.ds.manager, { userId: 'bench-hr', name: '压测HR', role: 'hr', departmentIds: [200] }, server.deps.clock.now(), 3_600_000);
const headers = { authorization: `Bearer ${token}` };
const ids = (await server.deps.ds.getRepository(Application).find({ select: { id: true }, take: 200 })).map((a) => a.id);
let next = 0;

const list = await autocannon({ url: `${server.url}/api/v1/applications?limit=20`, headers, connections: Number(values.connections), duration: seconds });
const files = await autocannon({
  url: server.url,
  headers,
  connections: Number(values.connections),
  duration: seconds,
  requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: `/api/v1/applications/${ids[next++ % ids.length]}` }) }],
});
process.stdout.write(`HR views on ${config.database.type} with ${count} candidates, ${values.connections} connections, ${seconds} s each\n`);
process.stdout.write(formatResult('GET /api/v1/applications (first page)', list));
process.stdout.write(formatResult('GET /api/v1/applications/{id} (candidate file, audited)', files));
await server.close();
