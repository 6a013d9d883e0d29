import { SESSION_COOKIE } from '@aireview/shared';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../../scripts/dingtalk-sandbox/sandbox.js';
import type { Deps } from '../platform/deps.js';
import { AuditEntry, Department, Session, User } from '../platform/db/entities/index.js';
import { createDingTalkClient } from '../platform/dingtalk/client.js';
import { createFakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { DingTalkError, type DingTalkPort } from '../platform/dingtalk/port.js';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { buildTestApp } from '../../test/testApp.js';

/** DingTalk 免登 through the real client over real HTTP against the project's DingTalk sandbox. */

const PROCESS_CODE = 'PROC-AIREVIEW-LOGIN-TEST';

let sandbox: Sandbox;
let running: RunningSandbox;

beforeAll(async () => {
  sandbox = createSandbox({ seedForms: [{ name: 'AI面试结果审核', processCode: PROCESS_CODE }] });
  running = await sandbox.listen();
});

afterAll(async () => {
  await running.close();
});

function sandboxClient(): DingTalkPort {
  return createDingTalkClient({
    appKey: sandbox.config.appKey,
    appSecret: sandbox.config.appSecret,
    agentId: '4000001',
    processCode: PROCESS_CODE,
    apiBase: running.url,
    oapiBase: running.url,
    timeoutMs: 2000,
    log: pino({ level: 'silent' }),
    sleep: async () => undefined,
  });
}

async function sandboxCode(userId: string): Promise<string> {
  const response = await fetch(`${running.url}/__sandbox/auth-codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { code: string }).code;
}

describeEachDb('app API login', (db) => {
  let nowMs: number;
  let built: ReturnType<typeof buildTestApp>;

  const app = (overrides: Partial<Deps> = {}, env: Record<string, string> = {}) =>
    buildTestApp(db.ds, { dingtalk: sandboxClient(), clock: { now: () => new Date(nowMs) }, ...overrides }, { DINGTALK_API_BASE: running.url, DINGTALK_OAPI_BASE: running.url, ...env });
  const login = (server = built.server, authCode: string) => request(server).post('/api/v1/auth/dingtalk').send({ authCode });
  /** The session token, which only the Set-Cookie header carries. */
  const tokenOf = (res: request.Response) => new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(String(res.headers['set-cookie']))![1]!;

  beforeEach(async () => {
    nowMs = Date.now();
    await createTestPosition(db.ds);
    built = app();
  });

  it('exchanges a code once: session, httpOnly cookie and user row; a second use is 401 bad_auth_code', async () => {
    const code = await sandboxCode('sup_general');
    const res = await login(built.server, code);
    expect(res.status).toBe(200);
    expect(res.body.data.user).toEqual({ userId: 'sup_general', name: '张伟', role: 'supervisor', departmentIds: [101] });
    // The token travels only in the httpOnly cookie, never in the JSON body.
    expect(Object.keys(res.body.data).sort()).toEqual(['departments', 'expiresAt', 'user']);
    expect(tokenOf(res)).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(res.body)).not.toContain(tokenOf(res));
    expect(Date.parse(res.body.data.expiresAt)).toBe(nowMs + built.deps.settings.sessionTtlMs);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);

    // The department was learnt from DingTalk at login.
    expect(res.body.data.departments).toEqual([{ id: 101, name: '综合客服部' }]);
    expect(await db.ds.getRepository(Department).findOneBy({ id: 101 })).toMatchObject({ name: '综合客服部', parentId: 100 });

    const row = await db.ds.getRepository(User).findOneByOrFail({ dingtalkUserId: 'sup_general' });
    expect(row).toMatchObject({ name: '张伟', title: '综合客服主管', departmentIds: [101], role: 'supervisor', unionId: 'union-sup-general' });

    const again = await login(built.server, code);
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('bad_auth_code');
  });

  it('assigns roles: admin and HR by configuration, supervisor by position, everyone else staff', async () => {
    const roles: Record<string, string> = {};
    for (const userId of ['admin01', 'hr01', 'sup_general', 'sup_fresh', 'staff01']) {
      const res = await login(built.server, await sandboxCode(userId));
      expect(res.status).toBe(200);
      roles[userId] = res.body.data.user.role;
    }
    // sup_fresh supervises no position in this database, so is plain staff here.
    expect(roles).toEqual({ admin01: 'admin', hr01: 'hr', sup_general: 'supervisor', sup_fresh: 'staff', staff01: 'staff' });
    expect(await db.ds.getRepository(User).count()).toBe(5);
  });

  it('updates the existing user row on a later login instead of adding one', async () => {
    await login(built.server, await sandboxCode('hr01'));
    await db.ds.getRepository(User).update({ dingtalkUserId: 'hr01' }, { name: '旧名字', role: 'staff' });
    const res = await login(built.server, await sandboxCode('hr01'));
    expect(res.body.data.user.role).toBe('hr');
    expect(await db.ds.getRepository(User).findBy({ dingtalkUserId: 'hr01' })).toEqual([expect.objectContaining({ name: '李静', role: 'hr' })]);
  });

  it('authenticates /me by cookie or by bearer token; the database keeps only a hash of the token', async () => {
    const res = await login(built.server, await sandboxCode('hr01'));
    const token = tokenOf(res);
    const [stored] = await db.ds.getRepository(Session).find();
    expect(stored).toMatchObject({ userId: 'hr01', role: 'hr', revokedAt: null });
    expect(stored!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.id).not.toContain(token);
    const byCookie = await request(built.server).get('/api/v1/me').set('Cookie', `${SESSION_COOKIE}=${token}`);
    expect(byCookie.status).toBe(200);
    expect(byCookie.body.data).toEqual({ user: res.body.data.user, expiresAt: res.body.data.expiresAt, departments: [{ id: 200, name: '人力资源部' }] });
    const byBearer = await request(built.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(byBearer.status).toBe(200);
    expect(byBearer.body.data.user.userId).toBe('hr01');
  });

  it('refuses a missing, altered, unknown or expired token (401 unauthenticated)', async () => {
    const res = await login(built.server, await sandboxCode('sup_general'));
    const token = tokenOf(res);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [undefined, altered, 'A'.repeat(43), 'not-a-token', `${token}.x`]) {
      const req = request(built.server).get('/api/v1/me');
      const answer = await (bad === undefined ? req : req.set('Authorization', `Bearer ${bad}`));
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('unauthenticated');
    }
    nowMs += built.deps.settings.sessionTtlMs + 1;
    const expired = await request(built.server).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('unauthenticated');
  });

  it('refuses a valid token whose user no longer exists', async () => {
    const res = await login(built.server, await sandboxCode('staff01'));
    await db.ds.getRepository(User).delete({ dingtalkUserId: 'staff01' });
    const me = await request(built.server).get('/api/v1/me').set('Authorization', `Bearer ${tokenOf(res)}`);
    expect(me.status).toBe(401);
  });

  it('marks the cookie Secure when the public URL is https', async () => {
    const secure = app({}, { PUBLIC_BASE_URL: 'https://review.example.com' });
    const res = await login(secure.server, await sandboxCode('hr01'));
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('logout clears the cookie even without a session', async () => {
    const res = await request(built.server).post('/api/v1/auth/logout');
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(new RegExp(`^${SESSION_COOKIE}=; Path=/; Max-Age=0`));
  });

  it('audits logins (with role and client IP) and logouts', async () => {
    const res = await login(built.server, await sandboxCode('hr01'));
    await request(built.server).post('/api/v1/auth/logout').set('Authorization', `Bearer ${tokenOf(res)}`);
    const entries = await db.ds.getRepository(AuditEntry).find({ order: { action: 'ASC' } });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([['auth.login', 'hr01'], ['auth.logout', 'hr01']]);
    expect(entries[0]!.details).toMatchObject({ role: 'hr', ip: expect.any(String) });
  });

  it('answers 422 for a body without authCode and 415 for a non-JSON body', async () => {
    const missing = await request(built.server).post('/api/v1/auth/dingtalk').send({});
    expect(missing.status).toBe(422);
    expect(missing.body.error.code).toBe('invalid_payload');
    const text = await request(built.server).post('/api/v1/auth/dingtalk').set('Content-Type', 'text/plain').send('code');
    expect(text.status).toBe(415);
  });

  it('answers 503 dingtalk_unavailable when DingTalk cannot be reached', async () => {
    const fake = createFakeDingTalk().failNext('getUserByAuthCode', new DingTalkError({ kind: 'network', code: 'network', message: 'ECONNREFUSED' }));
    const res = await login(app({ dingtalk: fake }).server, 'some-code');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('dingtalk_unavailable');
    expect(await db.ds.getRepository(User).count()).toBe(0);
  });

  it('sandbox mode: client-config lists the demo users, and sandbox-code issues a working login code', async () => {
    await login(built.server, await sandboxCode('hr01'));
    await login(built.server, await sandboxCode('sup_general'));
    const config = await request(built.server).get('/api/v1/client-config');
    expect(config.status).toBe(200);
    expect(config.body.data).toMatchObject({ corpId: 'dingsandboxcorp0001', clientId: 'dingsandboxappkey', agentId: '100000001' });
    expect(config.body.data.sandbox.users).toEqual([
      { userId: 'hr01', name: '李静', title: '招聘专员', role: 'hr' },
      { userId: 'sup_general', name: '张伟', title: '综合客服主管', role: 'supervisor' },
    ]);

    const code = await request(built.server).post('/api/v1/auth/sandbox-code').send({ userId: 'admin01' });
    expect(code.status).toBe(200);
    const res = await login(built.server, code.body.data.code);
    expect(res.body.data.user).toMatchObject({ userId: 'admin01', role: 'admin' });

    const ghost = await request(built.server).post('/api/v1/auth/sandbox-code').send({ userId: 'ghost' });
    expect(ghost.status).toBe(404);
  });

  it('outside sandbox mode: no sandbox users and no sandbox-code endpoint', async () => {
    const real = app({ dingtalk: createFakeDingTalk() }, {
      DINGTALK_APP_KEY: 'dingrealappkey',
      DINGTALK_APP_SECRET: 'real-secret',
      DINGTALK_CORP_ID: 'dingcorp',
      DINGTALK_AGENT_ID: '123',
      DINGTALK_PROCESS_CODE: 'PROC-REAL',
      DINGTALK_CALLBACK_TOKEN: 'realtoken',
      DINGTALK_CALLBACK_AES_KEY: 'Yue0EfdN5900c1ce5cf6A152c63DDe1808a60c5ecd7',
      SESSION_SECRET: 'a-real-session-secret-of-forty-bytes-0000',
    });
    const config = await request(real.server).get('/api/v1/client-config');
    expect(config.body.data).toEqual({ corpId: 'dingcorp', clientId: 'dingrealappkey', agentId: '123', sandbox: null });
    const code = await request(real.server).post('/api/v1/auth/sandbox-code').send({ userId: 'admin01' });
    expect(code.status).toBe(404);
  });
});
