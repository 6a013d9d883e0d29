import { pino } from 'pino';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/dataSource.js';
import { buildTestApp } from '../../../test/testApp.js';

const SPOOFED_IP = '203.0.113.77';

/**
 * The client IP that limits and logs use (ctx.ip) comes from X-Forwarded-For only with TRUST_PROXY.
 * Observed through the "request refused" log line, which records the IP of a refused DingTalk callback.
 */
describe('TRUST_PROXY', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = await openDatabase({ type: 'sqlite', path: ':memory:' });
  });

  afterAll(async () => {
    await ds.destroy();
  });

  /** The IP logged for a callback with a bad signature sent with a spoofed X-Forwarded-For. */
  async function loggedIp(env: Record<string, string>): Promise<unknown> {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
    const { server } = buildTestApp(ds, { log }, env);
    const res = await request(server)
      .post('/dingtalk/callback?msg_signature=0000&timestamp=1700000000&nonce=abc')
      .set('X-Forwarded-For', SPOOFED_IP)
      .send({ encrypt: 'bm90IGEgcmVhbCBjYWxsYmFjaw==' });
    expect(res.status).toBe(401);
    const refused = lines.filter((line) => line.msg === 'request refused');
    expect(refused).toHaveLength(1);
    return refused[0]!.ip;
  }

  it('ignores X-Forwarded-For by default: the logged IP is the connection peer', async () => {
    const ip = await loggedIp({});
    expect(ip).not.toBe(SPOOFED_IP);
    expect(ip).toMatch(/127\.0\.0\.1$|^::1$/);
  });

  it('uses X-Forwarded-For with TRUST_PROXY=true', async () => {
    expect(await loggedIp({ TRUST_PROXY: 'true' })).toBe(SPOOFED_IP);
  });
});
