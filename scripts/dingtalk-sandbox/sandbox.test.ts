import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCallbackCrypto } from '../../server/src/platform/dingtalk/callbackCrypto.js';
import { createSandbox, type RunningSandbox, type Sandbox } from './sandbox.js';

const APP_KEY = 'dingtestappkey';
const APP_SECRET = 'test-secret';
const TOKEN = 'testtoken';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const receiverCrypto = createCallbackCrypto({ token: TOKEN, aesKey: AES_KEY, ownerKey: APP_KEY });

// ── A stand-in for our server's /dingtalk/callback: verifies, decrypts, answers the encrypted success.
interface Received {
  query: URLSearchParams;
  event: Record<string, unknown>;
}
let receiver: Server;
let receiverUrl: string;
let received: Received[] = [];
let replyMode: 'success' | 'plain' = 'success';

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      const { encrypt } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { encrypt: string };
      const message = receiverCrypto.decryptVerified({
        signature: query.get('msg_signature') ?? '',
        timestamp: query.get('timestamp') ?? '',
        nonce: query.get('nonce') ?? '',
        encrypt,
      });
      received.push({ query, event: JSON.parse(message) as Record<string, unknown> });
      res.setHeader('content-type', 'application/json');
      res.end(replyMode === 'success' ? JSON.stringify(receiverCrypto.successReply()) : 'success');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/dingtalk/callback`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

// ── A fresh sandbox per test, with a clock the tests can move forward.
let sandbox: Sandbox;
let running: RunningSandbox;
let base: string;
let clockOffset = 0;

beforeEach(async () => {
  received = [];
  replyMode = 'success';
  clockOffset = 0;
  sandbox = createSandbox({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    callbackToken: TOKEN,
    callbackAesKey: AES_KEY,
    callbackUrl: receiverUrl,
    h5Url: 'http://127.0.0.1:3000/app/',
    callbackDelayMs: 0,
    faultTimeoutMs: 2500,
    now: () => Date.now() + clockOffset,
  });
  running = await sandbox.listen(0);
  base = running.url;
});

afterEach(async () => {
  await sandbox.callbacksIdle();
  await running.close();
});

// ── HTTP helpers (real HTTP, global fetch).
async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
}

async function newToken(): Promise<string> {
  const { body } = await call('POST', '/v1.0/oauth2/accessToken', { body: { appKey: APP_KEY, appSecret: APP_SECRET } });
  return body.accessToken as string;
}

const api = (token: string, method: string, path: string, body?: unknown) =>
  call(method, path, { body, headers: { 'x-acs-dingtalk-access-token': token } });
const oapi = (token: string, path: string, body: unknown) => call('POST', `${path}?access_token=${token}`, { body });
const control = (method: string, path: string, body?: unknown) => call(method, `/__sandbox${path}`, { body });

const FORM = {
  name: 'AI面试结果审核',
  formComponents: [
    { componentType: 'TextField', props: { componentId: 'TextField-candidate', label: '候选人', required: true } },
    { componentType: 'TextField', props: { componentId: 'TextField-position', label: '岗位' } },
    { componentType: 'NumberField', props: { componentId: 'NumberField-score', label: '综合得分' } },
  ],
};

async function createForm(token: string): Promise<string> {
  const { body } = await api(token, 'POST', '/v1.0/workflow/forms', FORM);
  return body.result.processCode as string;
}

async function startInstance(token: string, processCode: string, approvers: unknown) {
  return api(token, 'POST', '/v1.0/workflow/processInstances', {
    processCode,
    originatorUserId: 'hr01',
    deptId: 200,
    approvers,
    formComponentValues: [
      { name: '候选人', value: '张*三' },
      { name: '岗位', value: '综合客服' },
      { name: '综合得分', value: '82.5' },
    ],
  });
}

async function settled(): Promise<Record<string, unknown>[]> {
  await sandbox.callbacksIdle();
  return received.map((r) => r.event);
}

const summary = (events: Record<string, unknown>[]) => events.map((e) => [e.EventType, e.type, e.result ?? null, e.staffId]);

describe('access tokens', () => {
  it('issues a new-style token and returns the same one while it is valid', async () => {
    const first = await call('POST', '/v1.0/oauth2/accessToken', { body: { appKey: APP_KEY, appSecret: APP_SECRET } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accessToken: expect.stringMatching(/^[0-9a-f]{32}$/), expireIn: 7200 });
    expect(await newToken()).toBe(first.body.accessToken);
  });

  it('answers bad credentials with HTTP 400 invalidClientIdOrSecret', async () => {
    const { status, body } = await call('POST', '/v1.0/oauth2/accessToken', { body: { appKey: APP_KEY, appSecret: 'wrong' } });
    expect(status).toBe(400);
    expect(body).toEqual({ code: 'invalidClientIdOrSecret', message: expect.any(String), requestid: expect.any(String) });
  });

  it('issues old-style tokens and answers bad credentials with errcode 40089', async () => {
    const ok = await call('GET', `/gettoken?appkey=${APP_KEY}&appsecret=${APP_SECRET}`);
    expect(ok.body).toEqual({ errcode: 0, errmsg: 'ok', access_token: expect.any(String), expires_in: 7200 });
    const bad = await call('GET', `/gettoken?appkey=${APP_KEY}&appsecret=nope`);
    expect(bad.status).toBe(200);
    expect(bad.body.errcode).toBe(40089);
  });

  it('rejects a missing or unknown token: new API HTTP 401 InvalidAuthentication, old API 40014', async () => {
    const missing = await call('POST', '/v1.0/workflow/forms', { body: FORM });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe('InvalidAuthentication');
    const unknown = await oapi('nope', '/topapi/v2/user/get', { userid: 'hr01' });
    expect(unknown.status).toBe(200);
    expect(unknown.body.errcode).toBe(40014);
  });

  it('expires tokens after 7200 s (old API 42001) and then issues a new one', async () => {
    const token = await newToken();
    expect((await oapi(token, '/topapi/v2/user/get', { userid: 'hr01' })).body.errcode).toBe(0);
    clockOffset = 7201_000;
    expect((await oapi(token, '/topapi/v2/user/get', { userid: 'hr01' })).body.errcode).toBe(42001);
    expect((await api(token, 'POST', '/v1.0/workflow/forms', FORM)).status).toBe(401);
    const fresh = await newToken();
    expect(fresh).not.toBe(token);
    expect((await oapi(fresh, '/topapi/v2/user/get', { userid: 'hr01' })).body.errcode).toBe(0);
  });
});

describe('approval forms', () => {
  it('creates a template, refuses a duplicate name and updates by processCode', async () => {
    const token = await newToken();
    const processCode = await createForm(token);
    expect(processCode).toMatch(/^PROC-/);
    const duplicate = await api(token, 'POST', '/v1.0/workflow/forms', FORM);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.code).toBe('formName.error');
    const updated = await api(token, 'POST', '/v1.0/workflow/forms', { ...FORM, processCode, description: '更新' });
    expect(updated.body).toEqual({ result: { processCode } });
    const schema = await api(token, 'GET', `/v1.0/workflow/forms/schemas/processCodes?processCode=${processCode}`);
    expect(schema.body.result.schemaContent.items.map((i: { props: { label: string } }) => i.props.label)).toEqual(['候选人', '岗位', '综合得分']);
  });
});

describe('approval instances', () => {
  it('creates an instance: state, tasks and encrypted start callbacks with DingTalk fields', async () => {
    const token = await newToken();
    const processCode = await createForm(token);
    const created = await startInstance(token, processCode, [{ actionType: 'AND', userIds: ['sup_general', 'sup_fresh'] }]);
    expect(created.status).toBe(200);
    const instanceId = created.body.instanceId as string;

    const { body: state } = await control('GET', '/state');
    expect(state.approvals).toHaveLength(1);
    expect(state.approvals[0]).toMatchObject({ instanceId, processCode, title: '李静提交的AI面试结果审核', status: 'RUNNING', result: null });
    expect(state.approvals[0].tasks.map((t: { userId: string; status: string }) => [t.userId, t.status])).toEqual([
      ['sup_general', 'RUNNING'],
      ['sup_fresh', 'RUNNING'],
    ]);

    const events = await settled();
    expect(summary(events)).toEqual([
      ['bpms_instance_change', 'start', null, 'hr01'],
      ['bpms_task_change', 'start', null, 'sup_general'],
      ['bpms_task_change', 'start', null, 'sup_fresh'],
    ]);
    const [instanceStart, taskStart] = events;
    expect(instanceStart).toMatchObject({
      EventType: 'bpms_instance_change',
      CorpId: sandbox.org.corpId,
      processInstanceId: instanceId,
      processCode,
      title: '李静提交的AI面试结果审核',
      createTime: expect.any(Number),
      EventTime: expect.any(Number),
    });
    expect(instanceStart?.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(instanceStart?.BizId).toBe(instanceStart?.eventId);
    expect(taskStart).toMatchObject({ processInstanceId: instanceId, processCode, taskId: state.approvals[0].tasks[0].taskId });
    expect(taskStart).not.toHaveProperty('finishTime');
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);
    expect(received[0]?.query.get('timestamp')).toMatch(/^\d{13}$/);

    const { body: after } = await control('GET', '/state');
    expect(after.callbacks.map((c: { status: string; replyValid: boolean }) => [c.status, c.replyValid])).toEqual([
      ['delivered', true],
      ['delivered', true],
      ['delivered', true],
    ]);
  });

  it('returns the instance detail in DingTalk shape', async () => {
    const token = await newToken();
    const processCode = await createForm(token);
    const { body: created } = await startInstance(token, processCode, [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    const { status, body } = await api(token, 'GET', `/v1.0/workflow/processInstances?processInstanceId=${created.instanceId}`);
    expect(status).toBe(200);
    expect(body.success).toBe('true');
    expect(body.result).toMatchObject({
      status: 'RUNNING',
      originatorUserId: 'hr01',
      originatorDeptId: '200',
      originatorDeptName: '人力资源部',
      approverUserIds: ['sup_general'],
      createTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/),
      formComponentValues: expect.arrayContaining([expect.objectContaining({ name: '综合得分', value: '82.5' })]),
    });
    expect(body.result.result).toBeUndefined();
    expect(body.result.tasks).toEqual([
      expect.objectContaining({ taskId: expect.any(Number), userId: 'sup_general', status: 'RUNNING', result: 'NONE', processInstanceId: created.instanceId }),
    ]);
    expect(body.result.operationRecords[0]).toMatchObject({ userId: 'hr01', type: 'START_PROCESS_INSTANCE', result: 'NONE' });
  });

  it('validates instances like DingTalk: unknown template, unknown user, unknown form label, unknown instance', async () => {
    const token = await newToken();
    const processCode = await createForm(token);
    expect((await startInstance(token, 'PROC-NOPE', [{ actionType: 'NONE', userIds: ['sup_general'] }])).body.code).toBe('processCodeError');
    expect((await startInstance(token, processCode, [{ actionType: 'NONE', userIds: ['ghost'] }])).body.code).toBe('processInstanceInvalidParameter');
    const badLabel = await api(token, 'POST', '/v1.0/workflow/processInstances', {
      processCode,
      originatorUserId: 'hr01',
      approvers: [{ actionType: 'NONE', userIds: ['sup_general'] }],
      formComponentValues: [{ name: '候选人', value: '张*三' }, { name: '不存在的控件', value: 'x' }],
    });
    expect(badLabel).toMatchObject({ status: 400, body: { code: 'formConverterError' } });
    const missing = await api(token, 'GET', '/v1.0/workflow/processInstances?processInstanceId=nope');
    expect(missing).toMatchObject({ status: 400, body: { code: 'processInstanceNotExist' } });
    expect((await control('GET', '/state')).body.approvals).toHaveLength(0);
  });

  it('decide in the sandbox: task finish then instance finish (agree), in order', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    await settled();
    received = [];
    const decided = await control('POST', `/approvals/${created.instanceId}/decide`, { userId: 'sup_general', result: 'agree', remark: '同意复试' });
    expect(decided.body).toMatchObject({ status: 'COMPLETED', result: 'agree' });
    const events = await settled();
    expect(summary(events)).toEqual([
      ['bpms_task_change', 'finish', 'agree', 'sup_general'],
      ['bpms_instance_change', 'finish', 'agree', 'hr01'],
    ]);
    expect(events[0]).toMatchObject({ remark: '同意复试', finishTime: expect.any(Number) });
    expect(events[1]).toMatchObject({ finishTime: expect.any(Number) });
  });

  it('AND node: the instance completes only when every approver agreed', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [{ actionType: 'AND', userIds: ['sup_general', 'sup_fresh'] }]);
    await settled();
    received = [];
    await control('POST', `/approvals/${created.instanceId}/decide`, { userId: 'sup_general', result: 'agree' });
    expect(summary(await settled())).toEqual([['bpms_task_change', 'finish', 'agree', 'sup_general']]);
    received = [];
    await control('POST', `/approvals/${created.instanceId}/decide`, { userId: 'sup_fresh', result: 'agree' });
    expect(summary(await settled())).toEqual([
      ['bpms_task_change', 'finish', 'agree', 'sup_fresh'],
      ['bpms_instance_change', 'finish', 'agree', 'hr01'],
    ]);
  });

  it('OR node: the first agreement completes the instance and cancels the other task', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [{ actionType: 'OR', userIds: ['sup_general', 'sup_fresh'] }]);
    await settled();
    received = [];
    await control('POST', `/approvals/${created.instanceId}/decide`, { userId: 'sup_fresh', result: 'agree' });
    expect(summary(await settled())).toEqual([
      ['bpms_task_change', 'finish', 'agree', 'sup_fresh'],
      ['bpms_task_change', 'cancel', null, 'sup_general'],
      ['bpms_instance_change', 'finish', 'agree', 'hr01'],
    ]);
  });

  it('sequential nodes: the next node starts when the previous one is done', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [
      { actionType: 'NONE', userIds: ['sup_general'] },
      { actionType: 'NONE', userIds: ['hr01'] },
    ]);
    await settled();
    received = [];
    await control('POST', `/approvals/${created.instanceId}/decide`, { userId: 'sup_general', result: 'agree' });
    expect(summary(await settled())).toEqual([
      ['bpms_task_change', 'finish', 'agree', 'sup_general'],
      ['bpms_task_change', 'start', null, 'hr01'],
    ]);
  });

  it('a refusal ends the instance as refuse', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [{ actionType: 'AND', userIds: ['sup_general', 'sup_fresh'] }]);
    await settled();
    received = [];
    await control('POST', `/approvals/${created.instanceId}/decide`, { userId: 'sup_general', result: 'refuse', remark: '服务意识不足' });
    expect(summary(await settled())).toEqual([
      ['bpms_task_change', 'finish', 'refuse', 'sup_general'],
      ['bpms_task_change', 'cancel', null, 'sup_fresh'],
      ['bpms_instance_change', 'finish', 'refuse', 'hr01'],
    ]);
    const { body } = await control('GET', '/state');
    expect(body.approvals[0]).toMatchObject({ status: 'COMPLETED', result: 'refuse' });
  });

  it('decide refuses a user without a running task (409) and an unknown instance (404)', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    expect((await control('POST', `/approvals/${created.instanceId}/decide`, { userId: 'staff01', result: 'agree' })).status).toBe(409);
    expect((await control('POST', '/approvals/nope/decide', { userId: 'staff01', result: 'agree' })).status).toBe(404);
  });

  it('executes a task via the API and refuses a wrong actioner or a second execution', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    const { body: detail } = await api(token, 'GET', `/v1.0/workflow/processInstances?processInstanceId=${created.instanceId}`);
    const taskId = detail.result.tasks[0].taskId as number;
    const execute = (actionerUserId: string) =>
      api(token, 'POST', '/v1.0/workflow/processInstances/execute', { processInstanceId: created.instanceId, taskId, actionerUserId, result: 'agree', remark: '通过' });

    expect(await execute('sup_fresh')).toMatchObject({ status: 400, body: { code: 'invalidParameter' } });
    expect(await execute('sup_general')).toEqual({ status: 200, body: { result: true, success: true } });
    expect((await execute('sup_general')).status).toBe(400);

    const events = await settled();
    expect(summary(events.slice(-2))).toEqual([
      ['bpms_task_change', 'finish', 'agree', 'sup_general'],
      ['bpms_instance_change', 'finish', 'agree', 'hr01'],
    ]);
    const { body: after } = await api(token, 'GET', `/v1.0/workflow/processInstances?processInstanceId=${created.instanceId}`);
    expect(after.result).toMatchObject({ status: 'COMPLETED', result: 'agree' });
    expect(after.result.tasks[0]).toMatchObject({ status: 'COMPLETED', result: 'AGREE' });
    expect(after.result.operationRecords[1]).toMatchObject({ type: 'EXECUTE_TASK_NORMAL', result: 'AGREE', remark: '通过', userId: 'sup_general' });
  });

  it('terminates a running instance (originator only when not isSystem) and pushes terminate', async () => {
    const token = await newToken();
    const { body: created } = await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    await settled();
    received = [];
    const terminate = (body: Record<string, unknown>) => api(token, 'POST', '/v1.0/workflow/processInstances/terminate', { processInstanceId: created.instanceId, ...body });
    expect((await terminate({ isSystem: false, operatingUserId: 'sup_general' })).status).toBe(400);
    expect(await terminate({ isSystem: false, operatingUserId: 'hr01', remark: '岗位关闭' })).toEqual({ status: 200, body: { result: true, success: true } });
    expect((await terminate({ isSystem: true })).status).toBe(400);
    const events = await settled();
    expect(summary(events)).toEqual([['bpms_instance_change', 'terminate', null, 'hr01']]);
    expect(events[0]).not.toHaveProperty('result');
    const { body } = await control('GET', '/state');
    expect(body.approvals[0].status).toBe('TERMINATED');
    expect(body.approvals[0].tasks[0].status).toBe('CANCELED');
  });
});

describe('work notifications', () => {
  const card = (instanceId: string) => ({
    msgtype: 'action_card',
    action_card: {
      title: `AI面试结果待审核 ${instanceId}`,
      markdown: '### 张*三 · 综合客服\n综合得分 82.5',
      single_title: '查看候选人',
      single_url: `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent('http://127.0.0.1:3000/app/#/candidates/42')}&pc_slide=true`,
    },
  });

  it('accepts asyncsend_v2 and delivers to each user', async () => {
    const token = await newToken();
    const sent = await oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1234, userid_list: 'sup_general,ghost', msg: card('A') });
    expect(sent.body).toEqual({ errcode: 0, errmsg: 'ok', task_id: expect.any(Number), request_id: expect.any(String) });
    const { body: state } = await control('GET', '/state');
    expect(state.notifications.sup_general).toEqual([expect.objectContaining({ taskId: sent.body.task_id, msg: card('A'), at: expect.any(Number) })]);
    const result = await oapi(token, '/topapi/message/corpconversation/getsendresult', { agent_id: 1234, task_id: sent.body.task_id });
    expect(result.body.send_result).toMatchObject({ unread_user_id_list: ['sup_general'], invalid_user_id_list: ['ghost'], forbidden_user_id_list: [] });
  });

  it('silently drops identical content to the same user within a day (143106)', async () => {
    const token = await newToken();
    const send = (msg: unknown) => oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1234, userid_list: 'sup_general', msg });
    await send(card('A'));
    const duplicate = await send(card('A'));
    expect(duplicate.body.errcode).toBe(0);
    await send(card('B'));
    const { body: state } = await control('GET', '/state');
    expect(state.notifications.sup_general.map((n: { msg: { action_card: { title: string } } }) => n.msg.action_card.title)).toEqual([
      'AI面试结果待审核 A',
      'AI面试结果待审核 B',
    ]);
    const result = await oapi(token, '/topapi/message/corpconversation/getsendresult', { agent_id: 1234, task_id: duplicate.body.task_id });
    expect(result.body.send_result.forbidden_user_id_list).toEqual(['sup_general']);
    expect(result.body.send_result.forbidden_list).toEqual([{ code: '143106', count: 1, userid: 'sup_general' }]);
    clockOffset = 24 * 3600_000;
    const nextDay = await oapi(await newToken(), '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1234, userid_list: 'sup_general', msg: card('A') });
    expect(nextDay.body.errcode).toBe(0);
    expect((await control('GET', '/state')).body.notifications.sup_general).toHaveLength(3);
  });

  it('expands dept_id_list to the department tree and accepts a form-encoded msg string', async () => {
    const token = await newToken();
    const form = new URLSearchParams({ agent_id: '1234', dept_id_list: '100', msg: JSON.stringify({ msgtype: 'text', text: { content: '早班提醒' } }) });
    const response = await fetch(`${base}/topapi/message/corpconversation/asyncsend_v2?access_token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    expect(((await response.json()) as { errcode: number }).errcode).toBe(0);
    const { body: state } = await control('GET', '/state');
    expect(Object.keys(state.notifications).sort()).toEqual(['staff01', 'sup_fresh', 'sup_general']);
  });

  it('rejects a message without recipients or with an unknown msgtype (400002)', async () => {
    const token = await newToken();
    expect((await oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1, msg: card('A') })).body.errcode).toBe(400002);
    const bad = await oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1, userid_list: 'hr01', msg: { msgtype: 'sms', sms: {} } });
    expect(bad.body.errcode).toBe(400002);
  });

  it('shows the card on the user inbox with the H5 link opened as that user', async () => {
    const token = await newToken();
    await oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1234, userid_list: 'sup_general', msg: card('A') });
    const { body: inbox } = await control('GET', '/users/sup_general/inbox');
    expect(inbox.h5Url).toBe('http://127.0.0.1:3000/app/?sandboxUser=sup_general');
    expect(inbox.notifications[0]).toMatchObject({
      title: 'AI面试结果待审核 A',
      buttons: [{ title: '查看候选人', url: 'http://127.0.0.1:3000/app/?sandboxUser=sup_general#/candidates/42' }],
    });
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('以此用户打开H5应用');
  });
});

describe('login and contacts', () => {
  it('exchanges a sandbox auth code once for the user identity (40078 afterwards)', async () => {
    const token = await newToken();
    const { body } = await control('POST', '/auth-codes', { userId: 'sup_general' });
    const first = await oapi(token, '/topapi/v2/user/getuserinfo', { code: body.code });
    expect(first.body).toMatchObject({ errcode: 0, result: { userid: 'sup_general', unionid: 'union-sup-general', name: '张伟', sys_level: 0 } });
    expect((await oapi(token, '/topapi/v2/user/getuserinfo', { code: body.code })).body.errcode).toBe(40078);
    expect((await oapi(token, '/topapi/v2/user/getuserinfo', { code: 'made-up' })).body.errcode).toBe(40078);
  });

  it('expires auth codes after 5 minutes', async () => {
    const token = await newToken();
    const { body } = await control('POST', '/auth-codes', { userId: 'hr01' });
    clockOffset = 5 * 60_000 + 1;
    expect((await oapi(token, '/topapi/v2/user/getuserinfo', { code: body.code })).body.errcode).toBe(40078);
  });

  it('refuses auth codes for users outside the org', async () => {
    expect((await control('POST', '/auth-codes', { userId: 'ghost' })).status).toBe(404);
  });

  it('returns user and department details', async () => {
    const token = await newToken();
    const user = await oapi(token, '/topapi/v2/user/get', { userid: 'staff01' });
    expect(user.body.result).toMatchObject({ userid: 'staff01', unionid: 'union-staff01', name: '赵敏', title: '客服专员', mobile: '13800000005', dept_id_list: [101] });
    expect((await oapi(token, '/topapi/v2/user/get', { userid: 'ghost' })).body.errcode).toBe(33012);
    const dept = await oapi(token, '/topapi/v2/department/get', { dept_id: 101 });
    expect(dept.body.result).toMatchObject({ dept_id: 101, name: '综合客服部', parent_id: 100, dept_manager_userid_list: ['sup_general'] });
    expect((await oapi(token, '/topapi/v2/department/get', { dept_id: 999 })).body.errcode).toBe(60003);
  });
});

describe('todos', () => {
  it('creates a todo once per sourceId', async () => {
    const token = await newToken();
    const todo = {
      subject: '审核候选人 张*三',
      sourceId: 'review-42',
      executorIds: ['union-sup-general'],
      detailUrl: { appUrl: 'http://127.0.0.1:3000/app/#/candidates/42', pcUrl: 'http://127.0.0.1:3000/app/#/candidates/42' },
      priority: 20,
    };
    const path = '/v1.0/todo/users/union-hr01/tasks?operatorId=union-hr01';
    const created = await api(token, 'POST', path, todo);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ id: expect.any(String), subject: todo.subject, sourceId: 'review-42', done: false, createdTime: expect.any(Number) });
    const again = await api(token, 'POST', path, todo);
    expect(again).toMatchObject({ status: 400, body: { code: 'todo.taskCreate.paramError', message: 'task exist' } });
    expect((await api(token, 'POST', '/v1.0/todo/users/union-ghost/tasks', todo)).status).toBe(400);
    expect((await control('GET', '/state')).body.todos).toHaveLength(1);
  });

  const TRAINING_TODO = {
    subject: '完成培训：投诉处理',
    sourceId: 'training-7',
    executorIds: ['union-staff01'],
    detailUrl: { appUrl: 'http://127.0.0.1:3000/app/#/training/7', pcUrl: 'http://127.0.0.1:3000/app/#/training/7' },
  };

  async function createTrainingTodo(token: string): Promise<string> {
    const { body } = await api(token, 'POST', '/v1.0/todo/users/union-hr01/tasks?operatorId=union-hr01', TRAINING_TODO);
    return body.id as string;
  }

  it('reads a todo by sourceId for its creator and its executor only', async () => {
    const token = await newToken();
    const id = await createTrainingTodo(token);
    for (const unionId of ['union-hr01', 'union-staff01']) {
      expect(await api(token, 'GET', `/v1.0/todo/users/${unionId}/tasks/sources/training-7`)).toMatchObject({ status: 200, body: { id, sourceId: 'training-7', done: false } });
    }
    expect(await api(token, 'GET', '/v1.0/todo/users/union-sup-general/tasks/sources/training-7')).toMatchObject({ status: 400, body: { code: 'todo.task.notFound' } });
    expect(await api(token, 'GET', '/v1.0/todo/users/union-ghost/tasks/sources/training-7')).toMatchObject({ status: 400, body: { code: 'invalidParameter' } });
  });

  it("marks a todo done for one of its users, never for someone else's", async () => {
    const token = await newToken();
    const id = await createTrainingTodo(token);
    expect(await api(token, 'PUT', `/v1.0/todo/users/union-sup-general/tasks/${id}?operatorId=union-sup-general`, { done: true })).toMatchObject({
      status: 400,
      body: { code: 'todo.task.notFound' },
    });
    expect(sandbox.state.todos[0]?.done).toBe(false);

    expect(await api(token, 'PUT', `/v1.0/todo/users/union-staff01/tasks/${id}?operatorId=union-staff01`, { done: true })).toEqual({ status: 200, body: { result: true } });
    expect(sandbox.state.todos[0]).toMatchObject({ done: true, modifierId: 'union-staff01', finishTime: expect.any(Number) });
  });

  it('refuses an update by an operator outside the organisation, or with a done that is not a boolean', async () => {
    const token = await newToken();
    const id = await createTrainingTodo(token);
    expect(await api(token, 'PUT', `/v1.0/todo/users/union-staff01/tasks/${id}?operatorId=union-ghost`, { done: true })).toMatchObject({
      status: 400,
      body: { code: 'invalidParameter' },
    });
    expect(await api(token, 'PUT', `/v1.0/todo/users/union-staff01/tasks/${id}`, { done: 'yes' })).toMatchObject({ status: 400, body: { code: 'invalidParameter' } });
    expect(sandbox.state.todos[0]?.done).toBe(false);
  });
});

describe('faults', () => {
  it('http500: the next count calls fail with the dialect system error, then calls succeed', async () => {
    const token = await newToken();
    await control('POST', '/faults', { path: '/v1.0/workflow/forms', mode: 'http500', count: 2 });
    await control('POST', '/faults', { path: '/topapi/v2/user/get', mode: 'http500', count: 1 });
    expect(await api(token, 'POST', '/v1.0/workflow/forms', FORM)).toMatchObject({ status: 500, body: { code: 'systemError' } });
    expect((await api(token, 'POST', '/v1.0/workflow/forms', FORM)).status).toBe(500);
    expect((await api(token, 'POST', '/v1.0/workflow/forms', FORM)).status).toBe(200);
    expect(await oapi(token, '/topapi/v2/user/get', { userid: 'hr01' })).toMatchObject({ status: 500, body: { errcode: -1 } });
    expect((await oapi(token, '/topapi/v2/user/get', { userid: 'hr01' })).body.errcode).toBe(0);
    const { body } = await control('GET', '/state');
    expect(body.forms).toHaveLength(1);
    expect(body.calls.filter((c: { fault?: string }) => c.fault === 'http500')).toHaveLength(3);
  });

  it('lost_response: the call takes effect, then the answer never comes in time', async () => {
    const token = await newToken();
    const processCode = await createForm(token);
    await control('POST', '/faults', { path: '/v1.0/workflow/processInstances', mode: 'lost_response', count: 1 });
    const started = Date.now();
    const created = await startInstance(token, processCode, [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    expect(created).toMatchObject({ status: 500, body: { code: 'systemError' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    const { body } = await control('GET', '/state');
    expect(body.approvals).toHaveLength(1);
  });

  it('qps: new API HTTP 403 QpsLimitForAppkeyAndApi, old API errcode 90018', async () => {
    const token = await newToken();
    await control('POST', '/faults', { path: '/v1.0/workflow/processInstances', mode: 'qps', count: 1 });
    await control('POST', '/faults', { path: '/topapi/message/corpconversation/asyncsend_v2', mode: 'qps', count: 1 });
    const created = await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    expect(created).toMatchObject({ status: 403, body: { code: 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi' } });
    const sent = await oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1, userid_list: 'hr01', msg: { msgtype: 'text', text: { content: 'x' } } });
    expect(sent).toMatchObject({ status: 200, body: { errcode: 90018 } });
    const { body } = await control('GET', '/state');
    expect(body.approvals).toHaveLength(0);
    expect(body.notifications).toEqual({});
  });

  it('token_expired: the presented token stops working; a new token works', async () => {
    const token = await newToken();
    await control('POST', '/faults', { path: '/v1.0/workflow/forms', mode: 'token_expired', count: 1 });
    expect(await api(token, 'POST', '/v1.0/workflow/forms', FORM)).toMatchObject({ status: 401, body: { code: 'InvalidAuthentication' } });
    expect((await oapi(token, '/topapi/v2/user/get', { userid: 'hr01' })).body.errcode).toBe(42001);
    const fresh = await newToken();
    expect(fresh).not.toBe(token);
    expect((await api(fresh, 'POST', '/v1.0/workflow/forms', FORM)).status).toBe(200);
  });

  it('token_expired on the old API answers 42001', async () => {
    const token = await newToken();
    await control('POST', '/faults', { path: '/topapi/*', mode: 'token_expired', count: 1 });
    expect((await oapi(token, '/topapi/v2/department/get', { dept_id: 1 })).body.errcode).toBe(42001);
  });

  it('timeout: holds the request past a 2 s client timeout and applies nothing', async () => {
    const token = await newToken();
    const processCode = await createForm(token);
    await control('POST', '/faults', { path: '/v1.0/workflow/processInstances', mode: 'timeout', count: 1 });
    const started = Date.now();
    const attempt = call('POST', '/v1.0/workflow/processInstances', {
      headers: { 'x-acs-dingtalk-access-token': token },
      body: { processCode, originatorUserId: 'hr01', approvers: [{ actionType: 'NONE', userIds: ['sup_general'] }], formComponentValues: [{ name: '候选人', value: '张*三' }] },
      signal: AbortSignal.timeout(2000),
    });
    await expect(attempt).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    const { body } = await control('GET', '/state');
    expect(body.approvals).toHaveLength(0);
    expect(received).toHaveLength(0);
  });

  it('drop_callback: the next callbacks are recorded as dropped, not delivered; redelivery pushes them', async () => {
    const token = await newToken();
    await control('POST', '/faults', { path: '/dingtalk/callback', mode: 'drop_callback', count: 1 });
    await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    const events = await settled();
    expect(summary(events)).toEqual([['bpms_task_change', 'start', null, 'sup_general']]);
    const { body } = await control('GET', '/state');
    expect(body.callbacks.map((c: { status: string }) => c.status)).toEqual(['dropped', 'delivered']);

    expect((await control('POST', '/callbacks/redeliver', { index: 0 })).status).toBe(200);
    const after = await settled();
    expect(after[1]).toMatchObject({ EventType: 'bpms_instance_change', type: 'start', eventId: body.callbacks[0].eventId });
  });

  it('rejects malformed fault requests', async () => {
    expect((await control('POST', '/faults', { path: '/x', mode: 'explode', count: 1 })).status).toBe(400);
    expect((await control('POST', '/faults', { mode: 'http500', count: 1 })).status).toBe(400);
  });
});

describe('callback delivery', () => {
  it('redelivers a recorded callback with the same eventId (a DingTalk retry)', async () => {
    const token = await newToken();
    await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    await settled();
    await control('POST', '/callbacks/redeliver', { index: 0 });
    const events = await settled();
    expect(events).toHaveLength(3);
    expect(events[2]?.eventId).toBe(events[0]?.eventId);
    const { body } = await control('GET', '/state');
    expect(body.callbacks[2]).toMatchObject({ redeliveryOf: 0, status: 'delivered' });
  });

  it('records a reply that is not the encrypted success as failed', async () => {
    replyMode = 'plain';
    const token = await newToken();
    await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    await settled();
    const { body } = await control('GET', '/state');
    expect(body.callbacks[0]).toMatchObject({ status: 'failed', replyValid: false, httpStatus: 200 });
  });

  it('records an unreachable callback URL as failed without affecting the API call', async () => {
    sandbox.setCallbackUrl('http://127.0.0.1:1/dingtalk/callback');
    const token = await newToken();
    expect((await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }])).status).toBe(200);
    await settled();
    const { body } = await control('GET', '/state');
    expect(body.callbacks.every((c: { status: string }) => c.status === 'failed')).toBe(true);
  });
});

describe('instance id listing', () => {
  it('pages ids of a template by start time and originator, 20 at most per page', async () => {
    const token = await newToken();
    const processCode = await createForm(token);
    const since = Date.now() - 1000;
    for (let i = 0; i < 3; i++) expect((await startInstance(token, processCode, [{ actionType: 'NONE', userIds: ['sup_general'] }])).status).toBe(200);
    const first = await api(token, 'POST', '/v1.0/workflow/processes/instanceIds/query', { processCode, startTime: since, maxResults: 2, nextToken: 0 });
    expect(first.status).toBe(200);
    expect(first.body.result.list).toHaveLength(2);
    const second = await api(token, 'POST', '/v1.0/workflow/processes/instanceIds/query', { processCode, startTime: since, maxResults: 2, nextToken: Number(first.body.result.nextToken) });
    expect(second.body.result.list).toHaveLength(1);
    expect(second.body.result.nextToken).toBeUndefined();
    const { body } = await control('GET', '/state');
    expect([...first.body.result.list, ...second.body.result.list].sort()).toEqual(body.approvals.map((a: { instanceId: string }) => a.instanceId).sort());
    const nobody = await api(token, 'POST', '/v1.0/workflow/processes/instanceIds/query', { processCode, startTime: since, userIds: ['sup_fresh'] });
    expect(nobody.body.result.list).toEqual([]);
    expect((await api(token, 'POST', '/v1.0/workflow/processes/instanceIds/query', { processCode, startTime: since, maxResults: 21 })).status).toBe(400);
  });
});

describe('control', () => {
  it('reset empties approvals, notifications, todos, callbacks and calls, and keeps form templates', async () => {
    const token = await newToken();
    await startInstance(token, await createForm(token), [{ actionType: 'NONE', userIds: ['sup_general'] }]);
    await settled();
    await control('POST', '/reset');
    const { body } = await control('GET', '/state');
    expect(body).toMatchObject({ approvals: [], notifications: {}, todos: [], callbacks: [], calls: [] });
    expect(body.forms).toHaveLength(1);
    expect((await oapi(token, '/topapi/v2/user/get', { userid: 'hr01' })).body.errcode).toBe(40014);
  });

  it('listens on 127.0.0.1 unless a host is given', () => {
    expect(new URL(running.url).hostname).toBe('127.0.0.1');
  });

  it('sends no CORS headers: another origin cannot read the control API or preflight a POST', async () => {
    const origin = { origin: 'http://evil.example' };
    const preflight = await fetch(`${base}/__sandbox/auth-codes`, { method: 'OPTIONS', headers: { ...origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBeNull();
    const read = await fetch(`${base}/__sandbox/state`, { headers: origin });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses changes sent from another origin (a simple text/plain POST needs no preflight)', async () => {
    const forged = await fetch(`${base}/__sandbox/reset`, { method: 'POST', headers: { origin: 'http://evil.example', 'content-type': 'text/plain' }, body: '{}' });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('cross_origin');
    expect(forged.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`${base}/__sandbox/auth-codes`, { method: 'POST', headers: { origin: base, 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'hr01' }) });
    expect(own.status).toBe(200);
  });
});
