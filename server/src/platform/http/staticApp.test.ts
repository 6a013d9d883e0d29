import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, get, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/dataSource.js';
import { buildTestApp } from '../../../test/testApp.js';

/** The built H5 app under /app/ (no database involved, so SQLite only). */
describe('static H5 app', () => {
  let ds: DataSource;
  let server: ReturnType<typeof buildTestApp>['server'];
  let listening: Server;
  const INDEX = '<!doctype html><title>AI面试结果审核</title><div id="app"></div>';
  /** Big enough for the build to precompress it (vite.config.ts writes .br and .gz siblings). */
  const APP_JS = 'console.log("app");\n'.repeat(200);

  /** A GET whose body arrives as sent (supertest would decode it). */
  function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
    const { port } = listening.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      }).on('error', reject);
    });
  }

  beforeAll(async () => {
    ds = await openDatabase({ type: 'sqlite', path: ':memory:' });
    const root = mkdtempSync(join(tmpdir(), 'aireview-dist-'));
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), INDEX);
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), APP_JS);
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js.br'), brotliCompressSync(APP_JS));
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js.gz'), gzipSync(APP_JS));
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.css'), 'body{}');
    writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    writeFileSync(join(root, 'secret.txt'), 'do not serve');
    server = buildTestApp(ds, {}, { MINIAPP_DIST: dist }).server;
    listening = createServer(server);
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => listening.close(resolve));
    await ds.destroy();
  });

  it('redirects / and /app to /app/', async () => {
    for (const path of ['/', '/app']) {
      const res = await request(server).get(path);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/app/');
    }
  });

  it('serves index.html at /app/ without caching', async () => {
    const res = await request(server).get('/app/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toBe(INDEX);
  });

  it('serves hashed assets with their type and a long cache', async () => {
    const js = await request(server).get('/app/assets/index-3f2a1b.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const css = await request(server).get('/app/assets/index-3f2a1b.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const svg = await request(server).get('/app/favicon.svg');
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['cache-control']).toBe('no-cache');
  });

  it('sends the precompressed brotli file when the client accepts br, and it decodes to the asset', async () => {
    const res = await rawGet('/app/assets/index-3f2a1b.js', { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 10);
    expect(brotliDecompressSync(res.body).toString()).toBe(APP_JS);
  });

  it('sends the gzip file to a client that accepts gzip only', async () => {
    const res = await rawGet('/app/assets/index-3f2a1b.js', { 'Accept-Encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['vary']).toMatch(/accept-encoding/i);
    expect(gunzipSync(res.body).toString()).toBe(APP_JS);
  });

  it('sends the file as it is without Accept-Encoding, for br;q=0, and when no compressed sibling exists', async () => {
    for (const headers of [{}, { 'Accept-Encoding': 'identity' }, { 'Accept-Encoding': 'br;q=0, gzip;q=0' }] as Record<string, string>[]) {
      const res = await rawGet('/app/assets/index-3f2a1b.js', headers);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.headers['vary']).toMatch(/accept-encoding/i);
      expect(res.body.toString()).toBe(APP_JS);
    }
    const css = await rawGet('/app/assets/index-3f2a1b.css', { 'Accept-Encoding': 'br, gzip' });
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body.toString()).toBe('body{}');
    const index = await rawGet('/app/', { 'Accept-Encoding': 'br, gzip' });
    expect([index.headers['content-encoding'], index.headers['cache-control'], index.body.toString()]).toEqual([undefined, 'no-cache', INDEX]);
  });

  it('answers client-side routes (no extension) with index.html', async () => {
    for (const path of ['/app/reviews', '/app/candidates/8c1d0e9a-0000-4000-8000-000000000000', '/app/personas/CS-GENERAL/']) {
      const res = await request(server).get(path);
      expect(res.status).toBe(200);
      expect(res.text).toBe(INDEX);
    }
  });

  it('answers 404 for a missing file with an extension', async () => {
    expect((await request(server).get('/app/assets/missing-123.js')).status).toBe(404);
  });

  it('never serves files outside the dist directory', async () => {
    for (const path of ['/app/../secret.txt', '/app/%2e%2e/secret.txt', '/app/..%2fsecret.txt', '/app/assets/..%2f..%2fsecret.txt', '/app/%2e%2e%5csecret.txt', '/app/%00.js', '/app/%E0%A4%A']) {
      const res = await request(server).get(path);
      expect([400, 404]).toContain(res.status);
      expect(res.text).not.toContain('do not serve');
    }
  });

  it('answers 503 with a hint when the app has not been built', async () => {
    const missing = buildTestApp(ds, {}, { MINIAPP_DIST: join(tmpdir(), 'aireview-no-such-dist') }).server;
    const res = await request(missing).get('/app/');
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain('npm run build -w miniapp');
  });
});
