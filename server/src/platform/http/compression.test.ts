import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/dataSource.js';
import { buildTestApp } from '../../../test/testApp.js';
import { COMPRESS_THRESHOLD_BYTES } from './compression.js';

/** JSON responses above the threshold are compressed by Accept-Encoding (SQLite only: no database behaviour). */
describe('JSON compression', () => {
  let ds: DataSource;
  let listening: Server;

  /** A GET whose body arrives as sent. */
  function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
    const { port } = listening.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      }).on('error', reject);
    });
  }

  beforeAll(async () => {
    ds = await openDatabase({ type: 'sqlite', path: ':memory:' });
    listening = createServer(buildTestApp(ds).server);
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => listening.close(resolve));
    await ds.destroy();
  });

  it('compresses a large JSON response with br or gzip, decoding to the same JSON', async () => {
    const plain = await rawGet('/api/v1/openapi.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
    const document: unknown = JSON.parse(plain.body.toString());

    const br = await rawGet('/api/v1/openapi.json', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(document);

    const gzip = await rawGet('/api/v1/openapi.json', { 'Accept-Encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.body).toString())).toEqual(document);
  });

  it('leaves small JSON responses as they are', async () => {
    const res = await rawGet('/healthz', { 'Accept-Encoding': 'br, gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toEqual({ data: { status: 'ok' } });
  });
});
