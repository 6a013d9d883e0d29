import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadState, PERSISTED_LOG_LIMIT, saveState } from './persistence.js';
import { createSandbox, type RunningSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
import { createState, type CallbackRecord } from './state.js';

const APP_KEY = 'dingtestappkey';
const APP_SECRET = 'test-secret';

let dir: string;
let file: string;
let open: RunningSandbox[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sandbox-state-'));
  file = join(dir, 'nested', 'sandbox-state.json');
  open = [];
});

afterEach(async () => {
  for (const running of open) await running.close();
  rmSync(dir, { recursive: true, force: true });
});

// ── One sandbox "run" on the shared state file, with real HTTP helpers bound to it.
async function start(options: SandboxOptions = {}) {
  const warnings: string[] = [];
  const sandbox: Sandbox = createSandbox({
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    callbackDelayMs: 0,
    stateFile: file,
    onWarning: (message) => warnings.push(message),
    ...options,
  });
  const running = await sandbox.listen(0);
  open.push(running);

  async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
    const response = await fetch(`${running.url}${path}`, {
      method,
      headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
  }
  const newToken = async () => (await call('POST', '/v1.0/oauth2/accessToken', { body: { appKey: APP_KEY, appSecret: APP_SECRET } })).body.accessToken as string;
  const api = (token: string, method: string, path: string, body?: unknown) => call(method, path, { body, headers: { 'x-acs-dingtalk-access-token': token } });
  const oapi = (token: string, path: string, body: unknown) => call('POST', `${path}?access_token=${token}`, { body });
  const control = (method: string, path: string, body?: unknown) => call(method, `/__sandbox${path}`, { body });
  /** Stops this run the way `npm start` does on Ctrl-C (pushes settled first, then close). */
  const stop = async () => {
    await sandbox.callbacksIdle();
    open = open.filter((entry) => entry !== running);
    await running.close();
  };
  return { sandbox, warnings, newToken, api, oapi, control, stop };
}

type Run = Awaited<ReturnType<typeof start>>;

const FORM = {
  name: 'AI面试结果审核',
  formComponents: [
    { componentType: 'TextField', props: { componentId: 'TextField-candidate', label: '候选人', required: true } },
    { componentType: 'NumberField', props: { componentId: 'NumberField-score', label: '综合得分' } },
  ],
};

async function createForm(run: Run, token: string): Promise<string> {
  const { body } = await run.api(token, 'POST', '/v1.0/workflow/forms', FORM);
  return body.result.processCode as string;
}

async function startInstance(run: Run, token: string, processCode: string): Promise<string> {
  const { body } = await run.api(token, 'POST', '/v1.0/workflow/processInstances', {
    processCode,
    originatorUserId: 'hr01',
    deptId: 200,
    approvers: [{ actionType: 'AND', userIds: ['sup_general', 'sup_fresh'] }],
    formComponentValues: [
      { name: '候选人', value: '张*三' },
      { name: '综合得分', value: '82.5' },
    ],
  });
  return body.instanceId as string;
}

const CARD = { msgtype: 'text', text: { content: 'AI面试结果待审核' } };

describe('sandbox state file', () => {
  it('brings back forms, approval instances and work notifications after a restart', async () => {
    const first = await start();
    const token = await first.newToken();
    const processCode = await createForm(first, token);
    const instanceId = await startInstance(first, token, processCode);
    await first.control('POST', `/approvals/${instanceId}/decide`, { userId: 'sup_general', result: 'agree' });
    const sent = await first.oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1234, userid_list: 'sup_general', msg: CARD });
    const { body: before } = await first.control('GET', '/state');
    await first.stop();

    const second = await start();
    const { body: after } = await second.control('GET', '/state');
    expect(after.forms).toEqual([expect.objectContaining({ processCode, name: FORM.name })]);
    expect(after.approvals).toEqual(before.approvals);
    expect(after.approvals[0]).toMatchObject({
      instanceId,
      status: 'RUNNING',
      tasks: [
        { userId: 'sup_general', status: 'COMPLETED', result: 'AGREE' },
        { userId: 'sup_fresh', status: 'RUNNING', result: 'NONE' },
      ],
    });
    expect(after.notifications.sup_general).toEqual([expect.objectContaining({ taskId: sent.body.task_id, msg: CARD, read: false })]);
    expect(after.sendTasks).toEqual(before.sendTasks);
    expect(after.callbacks.map((c: CallbackRecord) => [c.type, c.status])).toEqual(before.callbacks.map((c: CallbackRecord) => [c.type, c.status]));
    expect(second.warnings).toEqual([]);
  });

  it('lets a restored approval be decided to the end', async () => {
    const first = await start();
    const token = await first.newToken();
    const instanceId = await startInstance(first, token, await createForm(first, token));
    await first.stop();

    const second = await start();
    expect((await second.control('POST', `/approvals/${instanceId}/decide`, { userId: 'sup_general', result: 'agree' })).status).toBe(200);
    const decided = await second.control('POST', `/approvals/${instanceId}/decide`, { userId: 'sup_fresh', result: 'agree' });
    expect(decided.body).toMatchObject({ instanceId, status: 'COMPLETED', result: 'agree' });
    const detail = await second.api(await second.newToken(), 'GET', `/v1.0/workflow/processInstances?processInstanceId=${instanceId}`);
    expect(detail.body.result).toMatchObject({ status: 'COMPLETED', result: 'agree' });
  });

  it('continues task ids after a restart instead of reusing them', async () => {
    const first = await start();
    const token = await first.newToken();
    const processCode = await createForm(first, token);
    await startInstance(first, token, processCode);
    const firstSend = await first.oapi(token, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1, userid_list: 'hr01', msg: CARD });
    await first.stop();

    const second = await start();
    const secondToken = await second.newToken();
    await startInstance(second, secondToken, processCode);
    const secondSend = await second.oapi(secondToken, '/topapi/message/corpconversation/asyncsend_v2', { agent_id: 1, userid_list: 'sup_fresh', msg: CARD });
    const { body: state } = await second.control('GET', '/state');
    const taskIds = state.approvals.flatMap((instance: { tasks: Array<{ taskId: number }> }) => instance.tasks.map((task) => task.taskId));
    expect(taskIds).toHaveLength(4);
    expect(new Set(taskIds).size).toBe(4);
    expect(Math.min(...taskIds.slice(2))).toBeGreaterThan(Math.max(...taskIds.slice(0, 2)));
    expect(secondSend.body.task_id).toBeGreaterThan(firstSend.body.task_id);
  });

  it('does not keep access tokens: a token from the previous run is refused', async () => {
    const first = await start();
    const token = await first.newToken();
    await createForm(first, token);
    await first.stop();

    const second = await start();
    expect((await second.control('GET', '/state')).body.forms).toHaveLength(1);
    const refused = await second.api(token, 'GET', '/v1.0/workflow/forms/schemas/processCodes?name=x');
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('InvalidAuthentication');
  });

  it('saves shortly after a change, without waiting for close', async () => {
    const run = await start();
    const token = await run.newToken();
    const processCode = await createForm(run, token);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(loadState(file, () => undefined)?.forms.get(processCode)).toMatchObject({ name: FORM.name });
    expect(readdirSync(join(dir, 'nested'))).toEqual(['sandbox-state.json']);
  });

  it('saves the outcome of a callback push that ends after the request', async () => {
    // The save the request schedules runs while the pushes (instance start, two task starts) still wait.
    const run = await start({ callbackDelayMs: 250 });
    const token = await run.newToken();
    await startInstance(run, token, await createForm(run, token));
    await run.sandbox.callbacksIdle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const statuses = loadState(file, () => undefined)?.callbacks.map((callback) => callback.status);
    expect(statuses).toEqual(['no_callback_url', 'no_callback_url', 'no_callback_url']);
  });

  it('starts empty with a warning when the file is corrupt, and keeps the bad file aside', async () => {
    const first = await start();
    await createForm(first, await first.newToken());
    await first.stop();
    writeFileSync(file, '{"version": 1, "forms": [tru');

    const second = await start();
    expect(second.warnings).toEqual([expect.stringContaining(`ignoring corrupt sandbox state ${file}`)]);
    const { body: state } = await second.control('GET', '/state');
    expect(state.forms).toEqual([]);
    expect(readFileSync(`${file}.corrupt`, 'utf8')).toBe('{"version": 1, "forms": [tru');
  });

  it('treats valid JSON of the wrong shape as corrupt', () => {
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ version: 1, forms: {} }));
    const warnings: string[] = [];
    expect(loadState(join(dir, 'state.json'), (message) => warnings.push(message))).toBeNull();
    expect(warnings).toHaveLength(1);
  });

  it('returns null without a warning when the file does not exist', () => {
    const warnings: string[] = [];
    expect(loadState(join(dir, 'missing.json'), (message) => warnings.push(message))).toBeNull();
    expect(warnings).toEqual([]);
    expect(existsSync(join(dir, 'missing.json'))).toBe(false);
  });

  it('keeps the newest callbacks and calls, renumbered so redelivery still finds them', () => {
    const state = createState();
    for (let index = 0; index < PERSISTED_LOG_LIMIT + 100; index++) {
      state.callbacks.push({
        index,
        eventId: `event-${index}`,
        eventType: 'bpms_task_change',
        type: 'start',
        payload: { eventId: `event-${index}` },
        status: index === PERSISTED_LOG_LIMIT + 99 ? 'pending' : 'delivered',
        redeliveryOf: index === PERSISTED_LOG_LIMIT + 98 ? PERSISTED_LOG_LIMIT + 10 : undefined,
        at: 0,
      });
      state.calls.push({ method: 'POST', path: `/call/${index}`, at: 0 });
    }
    saveState(state, file);
    const loaded = loadState(file, () => undefined);
    expect(loaded?.calls).toHaveLength(PERSISTED_LOG_LIMIT);
    expect(loaded?.calls[0]?.path).toBe('/call/100');
    expect(loaded?.callbacks).toHaveLength(PERSISTED_LOG_LIMIT);
    expect(loaded?.callbacks.every((callback, position) => callback.index === position)).toBe(true);
    expect(loaded?.callbacks[0]?.eventId).toBe('event-100');
    expect(loaded?.callbacks[PERSISTED_LOG_LIMIT - 2]?.redeliveryOf).toBe(PERSISTED_LOG_LIMIT + 10 - 100);
    // A push still queued when the previous run stopped will not happen any more.
    expect(loaded?.callbacks[PERSISTED_LOG_LIMIT - 1]).toMatchObject({ status: 'failed', error: 'sandbox stopped before delivery' });
  });

  it('keeps a seeded template as configured while restoring the rest', async () => {
    const seed = { name: FORM.name, processCode: 'PROC-SEEDED', formComponents: FORM.formComponents };
    const first = await start({ seedForms: [seed] });
    const instanceId = await startInstance(first, await first.newToken(), 'PROC-SEEDED');
    await first.stop();

    const second = await start({ seedForms: [{ ...seed, formComponents: [...FORM.formComponents, { componentType: 'TextField', props: { label: '岗位' } }] }] });
    const { body: state } = await second.control('GET', '/state');
    expect(state.forms).toHaveLength(1);
    expect(state.forms[0].formComponents).toHaveLength(3);
    expect(state.approvals.map((instance: { instanceId: string }) => instance.instanceId)).toEqual([instanceId]);
  });
});
