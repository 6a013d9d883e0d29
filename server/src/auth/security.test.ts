import { SESSION_COOKIE } from '@aireview/shared';
import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { PEOPLE, insertUsers, tokenFor } from '../../test/fixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { manualClock } from '../platform/clock.js';
import { OutboxMessage, Position, Session } from '../platform/db/entities/index.js';
import { createFakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { enqueue } from '../platform/outbox/enqueue.js';

/** Attacks on sessions, origins and budgets; each asserts the attack now fails. */
describeEachDb('security: sessions, CSRF and rate limits', (db) => {
  let clock: ReturnType<typeof manualClock>;
  const ORIGIN = 'http://127.0.0.1:3000';

  beforeEach(async () => {
    clock = manualClock('2026-12-01T02:00:00Z');
    await createTestPosition(db.ds);
    await insertUsers(db.ds);
  });

  const app = (env: Record<string, string> = {}) => buildTestApp(db.ds, { clock, dingtalk: createFakeDingTalk() }, env);

  it('logout ends the session on the server: the captured token stops working at once', async () => {
    const built = app();
    const token = await tokenFor(built.deps, PEOPLE.hr);
    expect((await request(built.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const out = await request(built.server).post('/api/v1/auth/logout').set('Cookie', `${SESSION_COOKIE}=${token}`).set('Origin', ORIGIN);
    expect(out.status).toBe(200);
    for (const replay of [{ Authorization: `Bearer ${token}` }, { Cookie: `${SESSION_COOKIE}=${token}` }]) {
      const res = await request(built.server).get('/api/v1/me').set(replay);
      expect([res.status, res.body.error.code]).toEqual([401, 'unauthenticated']);
    }
    expect((await db.ds.getRepository(Session).findOneByOrFail({ userId: 'hr01' })).revokedAt).toEqual(clock.now());
  });

  it('a user removed from HR_USER_IDS loses HR access within a minute, on an instance with the new configuration', async () => {
    const before = app();
    const token = await tokenFor(before.deps, PEOPLE.hr);
    const after = app({ HR_USER_IDS: 'hr02' });
    const me = () => request(after.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    const publish = () =>
      request(after.server).put('/api/v1/positions/CS-GENERAL/model').set('Authorization', `Bearer ${token}`)
        .send({ model: { dimensions: [] } });

    clock.advance(30_000);
    expect((await me()).body.data.user.role).toBe('hr');
    clock.advance(31_000);
    expect((await me()).body.data.user.role).toBe('staff');
    const refused = await publish();
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
    expect((await db.ds.getRepository(Session).findOneByOrFail({ userId: 'hr01' })).role).toBe('staff');
  });

  it('a supervisor taken off every position stops being a supervisor within a minute', async () => {
    const built = app();
    const token = await tokenFor(built.deps, PEOPLE.supGeneral);
    await db.ds.createQueryBuilder().update(Position).set({ supervisorUserIds: [] }).execute();
    clock.advance(60_000);
    const me = await request(built.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(me.body.data.user.role).toBe('staff');
  });

  it("refuses a cookie-authenticated POST from a sibling origin (csrf_refused) and writes nothing; our origin passes", async () => {
    const built = app();
    const token = await tokenFor(built.deps, PEOPLE.admin);
    const failed = await db.ds.transaction(async (em) => {
      await enqueue(em, { kind: 'review.notice', payload: { reviewId: 'r1' } }, clock.now());
      const row = await em.findOneByOrFail(OutboxMessage, { kind: 'review.notice' });
      await em.update(OutboxMessage, { id: row.id }, { status: 'failed', attempts: 8 });
      return row.id;
    });
    const retry = (headers: Record<string, string>) =>
      request(built.server).post(`/api/v1/admin/outbox/${failed}/retry`).set('Cookie', `${SESSION_COOKIE}=${token}`).set(headers);

    for (const headers of <Record<string, string>[]>[{ Origin: 'https://evil.example.com' }, { Origin: 'http://127.0.0.1:3000.evil.example.com' }, { Origin: 'null' }, { Referer: 'https://evil.example.com/page' }, {}]) {
      const res = await retry(headers);
      expect([res.status, res.body.error.code]).toEqual([403, 'csrf_refused']);
    }
    expect((await db.ds.getRepository(OutboxMessage).findOneByOrFail({ id: failed })).status).toBe('failed');

    expect((await retry({ Origin: ORIGIN })).status).toBe(200);
    expect((await db.ds.getRepository(OutboxMessage).findOneByOrFail({ id: failed })).status).toBe('pending');
  });

  it('rate-limits logins per client IP across instances sharing the database: 429 rate_limited with Retry-After', async () => {
    const env = { RATE_LIMIT_LOGIN_PER_MINUTE: '3' };
    const [a, b] = [app(env), app(env)];
    const attempt = (built: ReturnType<typeof app>) => request(built.server).post('/api/v1/auth/dingtalk').send({ authCode: 'guess' });
    expect((await attempt(a)).status).toBe(401);
    expect((await attempt(b)).status).toBe(401);
    expect((await attempt(a)).status).toBe(401);
    const limited = await attempt(b);
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The count lives in the database, which is what the two instances share.
    const rows = (await db.ds.query('SELECT points FROM rate_limits')) as { points: number | string }[];
    expect(rows.map((r) => Number(r.points))).toContain(4);
    // Sandbox login codes share the login budget.
    expect((await request(a.server).post('/api/v1/auth/sandbox-code').send({ userId: 'admin01' })).status).toBe(429);
  });

  it('rate-limits DingTalk callbacks and the vendor API per IP before reading them', async () => {
    const built = app({ RATE_LIMIT_CALLBACK_PER_MINUTE: '1', RATE_LIMIT_INGEST_PER_MINUTE: '1' });
    expect((await request(built.server).post('/dingtalk/callback').send({ encrypt: 'x' })).status).not.toBe(429);
    expect((await request(built.server).post('/dingtalk/callback').send({ encrypt: 'x' })).status).toBe(429);
    expect((await request(built.server).post('/api/v1/interview-results').send({})).status).not.toBe(429);
    expect((await request(built.server).post('/api/v1/interview-results').send({})).status).toBe(429);
  });

  it('rate-limits each signed-in user on the app API', async () => {
    const built = app({ RATE_LIMIT_API_PER_MINUTE: '2' });
    const [hr, sup] = [await tokenFor(built.deps, PEOPLE.hr), await tokenFor(built.deps, PEOPLE.supGeneral)];
    const me = (token: string) => request(built.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect([(await me(hr)).status, (await me(hr)).status, (await me(hr)).status]).toEqual([200, 200, 429]);
    expect((await me(sup)).status).toBe(200);
  });
});
