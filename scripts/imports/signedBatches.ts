/**
 * What both import CLIs share: the secret, signing, sending batches with a progress bar, and the
 * summary of rejected lines.
 */
import { readFileSync } from 'node:fs';
import type { ImportReport, RejectedRecord } from '@aireview/shared';
import cliProgress from 'cli-progress';
import { readDemoSecrets } from '../../server/src/platform/demoSecrets.js';
import { signRequest } from '../../server/src/platform/signature.js';

/** One record to send and where it came from (line of a JSONL file, row of a sheet). */
export interface SourceRecord {
  line: number;
  record: unknown;
}

/** A line refused before sending (not JSON) or by the server. */
export interface RejectedLine {
  line: number;
  code: string;
  message: string;
  details?: unknown;
}

export interface Summary {
  accepted: number;
  replayed: number;
  rejected: RejectedLine[];
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** IMPORT_SECRET, else the demo's generated one (./data/secrets.json, or beside DATABASE_URL's SQLite file). */
export function importSecret(): string {
  const secret = process.env.IMPORT_SECRET || readDemoSecrets(process.env).IMPORT_SECRET;
  if (!secret) fail('IMPORT_SECRET is not set and ./data/secrets.json has none: start the demo once with npm start, or set IMPORT_SECRET');
  return secret;
}

/** Records of a JSONL file with their line numbers; lines that are not JSON are rejected here. */
export function readJsonLines(file: string): { records: SourceRecord[]; rejected: RejectedLine[] } {
  const records: SourceRecord[] = [];
  const rejected: RejectedLine[] = [];
  readFileSync(file, 'utf8').split(/\r?\n/).forEach((text, i) => {
    if (text.trim() === '') return;
    try {
      records.push({ line: i + 1, record: JSON.parse(text) as unknown });
    } catch (error) {
      rejected.push({ line: i + 1, code: 'malformed_json', message: (error as Error).message });
    }
  });
  return { records, rejected };
}

/** Batches of at most `size` records and about `maxBytes` of JSON (the server takes 10 MiB). */
function batches(records: readonly SourceRecord[], size: number, maxBytes = 8 * 1024 * 1024): SourceRecord[][] {
  const out: SourceRecord[][] = [];
  let current: SourceRecord[] = [];
  let bytes = 0;
  for (const r of records) {
    const length = Buffer.byteLength(JSON.stringify(r.record));
    if (current.length > 0 && (current.length >= size || bytes + length > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(r);
    bytes += length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** POST each batch as `{ records }`, signed with the import secret; stops at the first refused request. */
export async function sendInBatches(options: { server: string; path: string; secret: string; records: readonly SourceRecord[]; batchSize: number; summary: Summary }): Promise<Summary> {
  const { summary } = options;
  const bar = new cliProgress.SingleBar({ format: '{bar} {value}/{total} records', stream: process.stderr }, cliProgress.Presets.shades_classic);
  bar.start(options.records.length, 0);
  try {
    for (const batch of batches(options.records, options.batchSize)) {
      const body = JSON.stringify({ records: batch.map((r) => r.record) });
      const url = new URL(options.path, options.server);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = signRequest({ secret: options.secret, timestamp, method: 'POST', pathWithQuery: url.pathname + url.search, body });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Interview-Timestamp': timestamp, 'X-Interview-Signature': signature },
        body,
      });
      const payload = (await response.json().catch(() => null)) as { data?: ImportReport; error?: { code: string; message: string } } | null;
      if (!response.ok || !payload?.data) {
        bar.stop();
        fail(`${url.pathname} → ${response.status} ${payload?.error ? `${payload.error.code}: ${payload.error.message}` : ''} (lines ${batch[0]!.line}–${batch.at(-1)!.line} not imported)`);
      }
      summary.accepted += payload.data.accepted;
      summary.replayed += payload.data.replayed;
      summary.rejected.push(...payload.data.rejected.map((r: RejectedRecord) => ({ line: batch[r.index]!.line, code: r.code, message: r.message, details: r.details })));
      bar.increment(batch.length);
    }
  } finally {
    bar.stop();
  }
  summary.rejected.sort((a, b) => a.line - b.line);
  return summary;
}

/** Print the summary; exit status 2 when any line was rejected. */
export function report(summary: Summary, unit: 'line' | 'row'): void {
  process.stdout.write(`accepted ${summary.accepted}, replayed ${summary.replayed}, rejected ${summary.rejected.length}\n`);
  for (const r of summary.rejected) {
    const details = r.details === undefined ? '' : ` ${JSON.stringify(r.details)}`;
    process.stdout.write(`  ${unit} ${r.line}: ${r.code} ${r.message}${details}\n`);
  }
  if (summary.rejected.length > 0) process.exitCode = 2;
}
