/**
 * Import interview history (JSONL, one `{ interview, outcome }` a line, e.g. from
 * scripts/calibration/generateHistory.ts) into a running server, 500 records a request:
 *
 *   npm run import:history -- history.jsonl [--server http://127.0.0.1:3000]
 *
 * Env: IMPORT_SECRET (defaults to the demo's generated secret in ./data/secrets.json), SERVER_URL.
 * Prints accepted/replayed counts and every rejected line; exit status 2 when any line was rejected.
 */
import { parseArgs } from 'node:util';
import { IMPORT_LIMITS } from '@aireview/shared';
import { fail, importSecret, readJsonLines, report, sendInBatches } from './signedBatches.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { server: { type: 'string', default: process.env.SERVER_URL ?? 'http://127.0.0.1:3000' } },
});
const file = positionals[0] ?? fail('usage: npm run import:history -- <file.jsonl> [--server URL]');
const secret = importSecret();
const { records, rejected } = readJsonLines(file);
const summary = await sendInBatches({
  server: values.server,
  path: '/api/v1/imports/interview-history',
  secret,
  records,
  batchSize: IMPORT_LIMITS.maxHistoryRecords,
  summary: { accepted: 0, replayed: 0, rejected },
});
report(summary, 'line');
