/**
 * Vendor simulator: pushes one signed sample interview (and its recordings) to a running server,
 * exactly as an AI interview vendor would.
 *
 *   npm run vendor:push -- [--position CS-FRESH] [--server http://127.0.0.1:3000] [--no-recordings]
 *
 * Env: INGEST_SECRET (defaults to the demo's generated secret in ./data/secrets.json), SERVER_URL.
 */
import { parseArgs } from 'node:util';
import { readDemoSecrets } from '../server/src/platform/demoSecrets.js';
import { signRequest } from '../server/src/platform/signature.js';
import { buildDemoInterviews } from '../server/src/seed/demoInterviews.js';
import { synthesizeSpeechLikeWav } from '../server/src/seed/synthAudio.js';

const { values } = parseArgs({
  options: {
    position: { type: 'string' },
    server: { type: 'string', default: process.env.SERVER_URL ?? 'http://127.0.0.1:3000' },
    'no-recordings': { type: 'boolean', default: false },
    'request-id': { type: 'string' },
  },
});

const secret: string =
  process.env.INGEST_SECRET ||
  readDemoSecrets(process.env).INGEST_SECRET ||
  fail('INGEST_SECRET is not set and ./data/secrets.json has none: start the demo once with npm start, or set INGEST_SECRET');

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
const stamp = Date.now();
const seed = stamp % 2_147_483_647;
const [sample] = buildDemoInterviews({ count: 8, seed }).filter((i) => !values.position || i.positionCode === values.position);
if (!sample) throw new Error(`no sample interview for position ${values.position}`);
const payload = {
  ...sample,
  interviewId: `SIM-${stamp}`,
  ...(values['request-id'] ? { requestId: values['request-id'] } : {}),
  candidate: { ...sample.candidate, externalId: `SIM-C-${stamp}`, phone: `159${String(stamp).slice(-8)}` },
};

async function send(method: string, path: string, body: Buffer, contentType: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const url = new URL(path, values.server);
  // Signed over the method and the request target exactly as fetch sends them.
  const signature = signRequest({ secret, timestamp, method, pathWithQuery: url.pathname + url.search, body });
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': contentType, 'X-Interview-Timestamp': timestamp, 'X-Interview-Signature': signature },
    body,
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const result = await send('POST', '/api/v1/interview-results', Buffer.from(JSON.stringify(payload)), 'application/json');
process.stdout.write(`POST /api/v1/interview-results → ${result.status}\n${JSON.stringify(result.body, null, 2)}\n`);
if (result.status >= 300) process.exit(1);

if (!values['no-recordings']) {
  for (const [index, scenario] of payload.scenarios.entries()) {
    const audio = synthesizeSpeechLikeWav({ seconds: 5, seed: seed + index });
    const path = `/api/v1/interview-results/${encodeURIComponent(payload.interviewId)}/scenarios/${encodeURIComponent(scenario.scenarioId)}/recording`;
    const uploaded = await send('PUT', path, audio, 'audio/wav');
    process.stdout.write(`PUT …/${scenario.scenarioId}/recording → ${uploaded.status}\n`);
    if (uploaded.status >= 300) process.exit(1);
  }
}
