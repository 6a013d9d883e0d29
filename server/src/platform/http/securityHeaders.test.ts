import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../db/dataSource.js';
import { buildTestApp } from '../../../test/testApp.js';

/** Security headers on every response of the app (no database behaviour involved, so SQLite only). */
describe('security headers', () => {
  let ds: DataSource;
  let dist: string;
  let server: ReturnType<typeof buildTestApp>['server'];

  /** `directive → sources` of a Content-Security-Policy header. */
  function csp(header: string | undefined): Map<string, string[]> {
    expect(header, 'Content-Security-Policy header').toBeTypeOf('string');
    return new Map(
      header!.split(';').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
        const [name, ...sources] = part.split(/\s+/);
        return [name!, sources];
      }),
    );
  }

  beforeAll(async () => {
    ds = await openDatabase({ type: 'sqlite', path: ':memory:' });
    dist = join(mkdtempSync(join(tmpdir(), 'aireview-dist-')), 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(dist, 'assets', 'index-3f2a1b.js'), 'console.log("app")');
    server = buildTestApp(ds, {}, { MINIAPP_DIST: dist }).server;
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('sends nosniff on API JSON, a JSON 404, error responses and the app files', async () => {
    const broken = buildTestApp(ds, {}, { MINIAPP_DIST: dist });
    vi.spyOn(broken.deps.ds, 'query').mockRejectedValueOnce(new Error('connect ECONNREFUSED'));
    const paths = ['/healthz', '/api/v1/no-such-endpoint', '/api/v1/me', '/readyz', '/app/', '/app/assets/index-3f2a1b.js', '/app/assets/missing-0000.js'];
    const seen: [string, number, string | undefined][] = [];
    for (const path of paths) {
      const res = await request(path === '/readyz' ? broken.server : server).get(path);
      seen.push([path, res.status, res.headers['x-content-type-options']]);
    }
    expect(seen).toEqual([
      ['/healthz', 200, 'nosniff'],
      ['/api/v1/no-such-endpoint', 404, 'nosniff'],
      ['/api/v1/me', 401, 'nosniff'],
      ['/readyz', 503, 'nosniff'],
      ['/app/', 200, 'nosniff'],
      ['/app/assets/index-3f2a1b.js', 200, 'nosniff'],
      ['/app/assets/missing-0000.js', 404, 'nosniff'],
    ]);
  });

  it('sends Referrer-Policy: no-referrer and no X-Frame-Options (frame-ancestors decides)', async () => {
    for (const path of ['/app/', '/api/v1/me', '/api/v1/no-such-endpoint']) {
      const res = await request(server).get(path);
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBeUndefined();
    }
  });

  it("gives /app/ a CSP that loads only our own files and lets only DingTalk's containers frame it", async () => {
    const res = await request(server).get('/app/');
    expect(res.status).toBe(200);
    const policy = csp(res.headers['content-security-policy']);
    expect(policy.get('frame-ancestors')).toEqual(["'self'", 'https://*.dingtalk.com']);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('media-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    // Over http (the default base URL) nothing is upgraded: a phone on the LAN would load no asset.
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    // The same policy on API responses and errors.
    expect((await request(server).get('/api/v1/no-such-endpoint')).headers['content-security-policy']).toBe(res.headers['content-security-policy']);
  });

  it('sends HSTS only when PUBLIC_BASE_URL is https', async () => {
    expect((await request(server).get('/app/')).headers['strict-transport-security']).toBeUndefined();
    const https = buildTestApp(ds, {}, { MINIAPP_DIST: dist, PUBLIC_BASE_URL: 'https://review.example.com' }).server;
    for (const path of ['/app/', '/api/v1/no-such-endpoint']) {
      const res = await request(https).get(path);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(csp(res.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
    }
  });
});
