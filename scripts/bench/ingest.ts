/**
 * `npm run bench:ingest [-- --seconds 10 --connections 20 --database mysql://root@127.0.0.1:3306/aireview_bench]`
 *
 * Ingestion throughput on 127.0.0.1: a server with a fresh database (SQLite by default), the review
 * workers off (this measures the API and the candidate-file transaction), signed interviews with
 * unique ids pushed by autocannon for a bounded time. Prints requests/s and latency percentiles.
 */
import { parseArgs } from 'node:util';
import { signRequest } from '../../server/src/platform/signature.js';
import { buildDemoInterviews } from '../../server/src/seed/demoInterviews.js';
import { BENCH_OPTIONS, autocannon, boundedSeconds, formatResult, startBenchServer } from './benchServer.js';

const { values } = parseArgs({ options: BENCH_OPTIONS });
const seconds = boundedSeconds(values.seconds);
const secret = 'bench-ingest-secret-0123456789';
const { server, config } = await startBenchServer(values.database, { INGEST_SECRET: secret });

const PATH = '/api/v1/interview-results';
const samples = buildDemoInterviews({ count: 40, seed: 7 });
let sequence = 0;
const run = Date.now().toString(36);

const result = await autocannon({
  url: `${server.url}${PATH}`,
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
      client.setHeadersAndBody({ 'content-type': 'application/json', 'x-interview-timestamp': timestamp, 'x-interview-signature': signRequest({ secret, timestamp, method: 'POST', pathWithQuery: PATH, body }) }, body);
    };
    next();
    client.on('response', next);
  },
});

process.stdout.write(`ingestion on ${config.database.type}, ${values.connections} connections, ${seconds} s\n`);
process.stdout.write(formatResult('POST /api/v1/interview-results', result));
await server.close();
