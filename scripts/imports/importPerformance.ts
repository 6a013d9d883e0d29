/**
 * Import monthly performance of hires into a running server, 5,000 records a request:
 *
 *   npm run import:performance -- performance.csv|.xlsx|.jsonl [--server http://127.0.0.1:3000]
 *
 * CSV and xlsx are read as the H5 upload reads them (headings 工号/employeeId, 候选人编号/candidateExternalId,
 * 手机/phone, 月份/period, 满意度/satisfaction, 解决率/resolutionRate, 质检分/qaScore; rejected rows are
 * named by sheet row); JSONL has one record a line. Env: IMPORT_SECRET (defaults to the demo's
 * ./data/secrets.json), SERVER_URL. Exit status 2 when any line was rejected.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_LIMITS, XLSX_MEDIA_TYPE } from '@aireview/shared';
import { readPerformanceSheet } from '../../server/src/imports/index.js';
import { fail, importSecret, readJsonLines, report, sendInBatches, type RejectedLine, type SourceRecord } from './signedBatches.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { server: { type: 'string', default: process.env.SERVER_URL ?? 'http://127.0.0.1:3000' } },
});
const file = positionals[0] ?? fail('usage: npm run import:performance -- <file.csv|.xlsx|.jsonl> [--server URL]');
const secret = importSecret();
const extension = extname(file).toLowerCase();

let records: SourceRecord[];
let rejected: RejectedLine[] = [];
if (extension === '.jsonl') {
  ({ records, rejected } = readJsonLines(file));
} else if (extension === '.csv' || extension === '.xlsx') {
  const rows = await readPerformanceSheet(readFileSync(file), extension === '.xlsx' ? XLSX_MEDIA_TYPE : 'text/csv').catch((error: Error) => fail(`${file}: ${error.message}`));
  records = rows.map((r) => ({ line: r.row ?? 0, record: r.record }));
} else {
  fail(`${file}: expected .csv, .xlsx or .jsonl`);
}
const summary = await sendInBatches({
  server: values.server,
  path: '/api/v1/performance-records',
  secret,
  records,
  batchSize: IMPORT_LIMITS.maxPerformanceRecords,
  summary: { accepted: 0, replayed: 0, rejected },
});
report(summary, extension === '.jsonl' ? 'line' : 'row');
