import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../../../scripts/dingtalk-sandbox/sandbox.js';
import { createDingTalkClient, type DingTalkClientOptions } from './client.js';
import { DingTalkError, type DingTalkPort } from './port.js';

/** The real client over real HTTP against the project's DingTalk sandbox. */

const PROCESS_CODE = 'PROC-AIREVIEW-TEST';
const AGENT_ID = '4000001';
const TOKEN_PATH = '/v1.0/oauth2/accessToken';
const INSTANCES_PATH = '/v1.0/workflow/processInstances';
const ORG = JSON.parse(readFileSync(new URL('../../../../scripts/demo/org.json', import.meta.url), 'utf8')) as {
  departments: Array<{ deptId: number; name: string; parentId: number | null }>;
  users: Array<{ userId: string; unionId: string; name: string; title: string; deptIds: number[]; mobile: string }>;
};

const FORM_VALUES = [
  { name: '候选人', value: '张*三' },
  { name: '岗位', value: '综合客服' },
  { name: '综合得分', value: '82.5' },
];

let sandbox: Sandbox;
let running: RunningSandbox;
let sleeps: number[];
let logLines: string[];

beforeEach(async () => {
  sandbox = createSandbox({ seedForms: [{ name: 'AI面试结果审核', processCode: PROCESS_CODE }], faultTimeoutMs: 2000 });
  running = await sandbox.listen();
  sleeps = [];
  logLines = [];
});

afterEach(async () => {
  await running.close();
});

function client(overrides: Partial<DingTalkClientOptions> = {}): DingTalkPort {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  return createDingTalkClient({
    appKey: sandbox.config.appKey,
    appSecret: sandbox.config.appSecret,
    agentId: AGENT_ID,
    processCode: PROCESS_CODE,
    apiBase: running.url,
    oapiBase: running.url,
    timeoutMs: 1000,
    log: pino({ level: 'debug' }, sink),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...overrides,
  });
}

async function control(path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${running.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function callsTo(path: string): Promise<Array<{ method: string; path: string; status?: number; fault?: string }>> {
  const state = await control('/__sandbox/state');
  return state.calls.filter((call: { path: string }) => call.path === path);
}

function fault(path: string, mode: 'http500' | 'timeout' | 'qps' | 'token_expired', count = 1) {
  return control('/__sandbox/faults', { path, mode, count });
}

async function failure(promise: Promise<unknown>): Promise<DingTalkError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DingTalkError);
  return error as DingTalkError;
}

function startReview(dingtalk: DingTalkPort, approverUserIds = ['sup_general', 'sup_fresh']) {
  return dingtalk.startReviewApproval({ originatorUserId: 'hr01', approverUserIds, formValues: FORM_VALUES });
}

describe('access token', () => {
  it('is fetched once for many concurrent calls', async () => {
    const dingtalk = client();
    await Promise.all(Array.from({ length: 8 }, () => dingtalk.getUser('staff01')));
    await dingtalk.getDepartment(101);

    expect(await callsTo(TOKEN_PATH)).toHaveLength(1);
    expect(await callsTo('/topapi/v2/user/get')).toHaveLength(8);
  });

  it('is refreshed and the call resent once when DingTalk rejects it (old API)', async () => {
    const dingtalk = client();
    await dingtalk.getUser('staff01');
    await fault('/topapi/v2/user/get', 'token_expired');

    await expect(dingtalk.getUser('staff01')).resolves.toMatchObject({ userId: 'staff01' });
    expect(await callsTo(TOKEN_PATH)).toHaveLength(2);
    expect((await callsTo('/topapi/v2/user/get')).map((call) => call.fault ?? 'ok')).toEqual(['ok', 'token_expired', 'ok']);
    expect(sleeps).toEqual([]);
  });

  it('is refreshed and a create resent once after a token rejection (new API), creating one instance', async () => {
    const dingtalk = client();
    await dingtalk.getUser('staff01');
    await fault(INSTANCES_PATH, 'token_expired');

    const { instanceId } = await startReview(dingtalk);
    expect((await callsTo(INSTANCES_PATH)).map((call) => call.fault ?? 'ok')).toEqual(['token_expired', 'ok']);
    expect(sandbox.state.approvals.size).toBe(1);
    expect(sandbox.state.approvals.has(instanceId)).toBe(true);
  });

  it('fails as a non-retryable token error on bad credentials, without retrying', async () => {
    const error = await failure(client({ appSecret: 'wrong' }).getUser('staff01'));
    expect(error).toMatchObject({ kind: 'token', code: 'invalidClientIdOrSecret', status: 400, retryable: false });
    expect(await callsTo(TOKEN_PATH)).toHaveLength(1);
  });

  it('never appears in the log, nor the secret nor auth codes', async () => {
    const dingtalk = client();
    const { code } = await control('/__sandbox/auth-codes', { userId: 'sup_general' });
    await dingtalk.getUserByAuthCode(code);
    await dingtalk.getUser('sup_general');
    const [token] = [...sandbox.state.tokens.keys()];

    await failure(dingtalk.getUser('nobody'));
    const log = logLines.join('');
    expect(log).toContain('/topapi/v2/user/get');
    expect(log).toContain('"errcode":"33012"');
    for (const secret of [token!, sandbox.config.appSecret, code, '13800000003']) expect(log).not.toContain(secret);
  });
});

describe('retries', () => {
  it('backs off and succeeds when a safe read is rate-limited (old API errcode 90018)', async () => {
    await fault('/topapi/v2/department/get', 'qps', 2);

    await expect(client().getDepartment(101)).resolves.toEqual({ deptId: 101, name: '综合客服部', parentId: 100 });
    expect(sleeps).toEqual([1000, 2000]);
    expect((await callsTo('/topapi/v2/department/get')).map((call) => call.fault ?? 'ok')).toEqual(['qps', 'qps', 'ok']);
  });

  it('backs off and succeeds when reading an instance is rate-limited (new API 403 QpsLimit)', async () => {
    const dingtalk = client();
    const { instanceId } = await startReview(dingtalk);
    await fault(INSTANCES_PATH, 'qps');

    await expect(dingtalk.getApprovalInstance(instanceId)).resolves.toMatchObject({ instanceId, state: 'open' });
    expect(sleeps).toEqual([1000]);
  });

  it('backs off on a rate-limited token fetch even for a create, which is then sent once', async () => {
    await fault(TOKEN_PATH, 'qps');

    await startReview(client());
    expect(sleeps).toEqual([1000]);
    expect((await callsTo(TOKEN_PATH)).map((call) => call.fault ?? 'ok')).toEqual(['qps', 'ok']);
    expect(await callsTo(INSTANCES_PATH)).toHaveLength(1);
  });

  it('adds jitter to the delay', async () => {
    await fault('/topapi/v2/user/get', 'http500', 2);
    await client({ random: () => 0.5 }).getUser('staff01');
    expect(sleeps).toEqual([625, 1250]);
  });

  it('gives up on a safe read after three attempts with a retryable error', async () => {
    await fault(INSTANCES_PATH, 'http500', 5);

    const error = await failure(client().getApprovalInstance('whatever'));
    expect(error).toMatchObject({ kind: 'server', code: 'systemError', status: 500, retryable: true });
    expect(sleeps).toEqual([500, 1000]);
    expect(await callsTo(INSTANCES_PATH)).toHaveLength(3);
  });

  it('never retries a create that failed with 5xx, and says it may be tried later', async () => {
    await fault(INSTANCES_PATH, 'http500');

    const error = await failure(startReview(client()));
    expect(error).toMatchObject({ kind: 'server', status: 500, retryable: true });
    expect(await callsTo(INSTANCES_PATH)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('never retries a work notice that failed with "system busy" (errcode -1)', async () => {
    await fault('/topapi/message/corpconversation/asyncsend_v2', 'http500');

    const error = await failure(client().sendWorkNotice({ userIds: ['sup_general'], card: card('x') }));
    expect(error).toMatchObject({ kind: 'server', code: '-1', retryable: true });
    expect(await callsTo('/topapi/message/corpconversation/asyncsend_v2')).toHaveLength(1);
  });

  it('reports a create that timed out as kind timeout, sent once', async () => {
    await fault(INSTANCES_PATH, 'timeout');

    const started = Date.now();
    const error = await failure(startReview(client({ timeoutMs: 300 })));
    expect(error).toMatchObject({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await callsTo(INSTANCES_PATH)).toHaveLength(1);
  });

  it('times out an old-API read and retries it', async () => {
    await fault('/topapi/v2/user/get', 'timeout');

    await expect(client({ timeoutMs: 300 }).getUser('staff01')).resolves.toMatchObject({ userId: 'staff01' });
    expect(sleeps).toEqual([500]);
  });

  it('reports an unreachable DingTalk as kind network, after retrying a safe read', async () => {
    const dead = running.url;
    await running.close();
    running = await sandbox.listen(); // a fresh port; `dead` now refuses connections

    const oapiDown = await failure(client({ oapiBase: dead }).getUser('staff01'));
    expect(oapiDown).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true });
    expect(JSON.stringify({ message: oapiDown.message, cause: String(oapiDown.cause) })).not.toMatch(/access_token=\w/);
    expect(sleeps).toEqual([500, 1000]);

    const allDown = await failure(client({ apiBase: dead, oapiBase: dead }).getUser('staff01'));
    expect(allDown).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', retryable: true });
  });
});

describe('approvals', () => {
  it('starts an instance with one OR node of the approvers, the form values as given and the root department', async () => {
    const { instanceId } = await startReview(client());

    const instance = sandbox.state.approvals.get(instanceId);
    expect(instance).toMatchObject({
      processCode: PROCESS_CODE,
      originatorUserId: 'hr01',
      originatorDeptId: -1,
      approvers: [{ actionType: 'OR', userIds: ['sup_general', 'sup_fresh'] }],
      formComponentValues: FORM_VALUES,
    });
    const state = await control('/__sandbox/state');
    expect(state.approvals.map((a: { instanceId: string }) => a.instanceId)).toEqual([instanceId]);
  });

  it('passes the originator department when given', async () => {
    const { instanceId } = await client().startReviewApproval({ originatorUserId: 'hr01', deptId: 200, approverUserIds: ['sup_general'], formValues: FORM_VALUES });
    expect(sandbox.state.approvals.get(instanceId)?.originatorDeptId).toBe(200);
  });

  it('maps a running instance', async () => {
    const dingtalk = client();
    const { instanceId } = await startReview(dingtalk);
    const tasks = sandbox.state.approvals.get(instanceId)!.tasks;

    expect(await dingtalk.getApprovalInstance(instanceId)).toEqual({
      instanceId,
      state: 'open',
      tasks: [
        { taskId: String(tasks[0]!.taskId), userId: 'sup_general', state: 'open', result: null },
        { taskId: String(tasks[1]!.taskId), userId: 'sup_fresh', state: 'open', result: null },
      ],
      formValues: FORM_VALUES,
      decisions: [],
    });
  });

  it('maps an instance decided in DingTalk', async () => {
    const dingtalk = client();
    const { instanceId } = await startReview(dingtalk);
    await control(`/__sandbox/approvals/${instanceId}/decide`, { userId: 'sup_fresh', result: 'agree', remark: '同意复试' });

    const instance = await dingtalk.getApprovalInstance(instanceId);
    expect(instance).toMatchObject({ instanceId, state: 'agreed' });
    expect(instance.tasks.map(({ userId, state, result }) => ({ userId, state, result }))).toEqual([
      { userId: 'sup_general', state: 'cancelled', result: null },
      { userId: 'sup_fresh', state: 'done', result: 'agree' },
    ]);
    expect(instance.decisions).toEqual([{ userId: 'sup_fresh', result: 'agree', remark: '同意复试', at: expect.any(Date) }]);
  });

  it('lists the ids of instances started since a time, across pages, by originator', async () => {
    const dingtalk = client();
    const since = new Date(Date.now() - 1000);
    const started: string[] = [];
    for (let i = 0; i < 23; i++) started.push((await startReview(dingtalk)).instanceId);
    expect((await dingtalk.listReviewInstanceIds({ since })).sort()).toEqual([...started].sort());
    expect(await dingtalk.listReviewInstanceIds({ since, originatorUserIds: ['sup_fresh'] })).toEqual([]);
    expect(await dingtalk.listReviewInstanceIds({ since: new Date(Date.now() + 60_000) })).toEqual([]);
  });

  it('creates the review form template and updates it under the same process code', async () => {
    const dingtalk = client();
    const components = [{ componentType: 'TextField' as const, props: { componentId: 'TextField-a', label: '候选人', required: true } }];
    const created = await dingtalk.saveReviewForm({ name: '审核模板', components });
    expect(created.processCode).toMatch(/^PROC-/);
    const updated = await dingtalk.saveReviewForm({ processCode: created.processCode, name: '审核模板', description: '新说明', components });
    expect(updated.processCode).toBe(created.processCode);
    expect(sandbox.state.forms.get(created.processCode)).toMatchObject({ description: '新说明', formComponents: [{ componentType: 'TextField', props: { label: '候选人' } }] });
    await expect(dingtalk.saveReviewForm({ name: '审核模板', components })).rejects.toMatchObject({ kind: 'business', code: 'formName.error' });
  });

  it('fails reading an unknown instance as not_found, without retrying', async () => {
    const error = await failure(client().getApprovalInstance('no-such-instance'));
    expect(error).toMatchObject({ kind: 'not_found', code: 'processInstanceNotExist', status: 400, retryable: false });
    expect(await callsTo(INSTANCES_PATH)).toHaveLength(1);
  });

  it('executes a review task', async () => {
    const dingtalk = client();
    const { instanceId } = await startReview(dingtalk);
    const { tasks } = await dingtalk.getApprovalInstance(instanceId);
    const task = tasks.find((t) => t.userId === 'sup_general')!;

    await dingtalk.executeReviewTask({ instanceId, taskId: task.taskId, actorUserId: 'sup_general', result: 'refuse', remark: '补充测试：退货场景' });

    const instance = sandbox.state.approvals.get(instanceId)!;
    expect(instance).toMatchObject({ status: 'COMPLETED', result: 'refuse' });
    expect(instance.tasks.find((t) => String(t.taskId) === task.taskId)).toMatchObject({ status: 'COMPLETED', result: 'REFUSE', remark: '补充测试：退货场景' });
  });

  it('fails executing a task already decided as a business error, sent once', async () => {
    const dingtalk = client();
    const { instanceId } = await startReview(dingtalk);
    const [task] = (await dingtalk.getApprovalInstance(instanceId)).tasks;
    const input = { instanceId, taskId: task!.taskId, actorUserId: task!.userId, result: 'agree' as const };
    await dingtalk.executeReviewTask(input);

    const error = await failure(dingtalk.executeReviewTask(input));
    expect(error).toMatchObject({ kind: 'business', code: 'invalidParameter', retryable: false });
    expect(await callsTo(`${INSTANCES_PATH}/execute`)).toHaveLength(2);
  });

  it('terminates an instance on behalf of its originator', async () => {
    const dingtalk = client();
    const { instanceId } = await startReview(dingtalk);

    await dingtalk.terminateApproval({ instanceId, operatingUserId: 'hr01', remark: '候选人撤回' });
    expect(sandbox.state.approvals.get(instanceId)?.status).toBe('TERMINATED');
    expect(await dingtalk.getApprovalInstance(instanceId)).toMatchObject({ state: 'terminated' });
  });
});

function card(suffix: string) {
  return {
    title: `AI面试结果审核 ${suffix}`,
    markdown: `### 张*三 · 综合客服\n综合得分 **82.5** (${suffix})`,
    singleTitle: '查看详情',
    singleUrl: `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent(`https://h5.example.com/candidates/${suffix}`)}&pc_slide=true`,
  };
}

describe('work notifications', () => {
  it('sends an action card that reaches each user', async () => {
    const sent = card('inst-1');
    const { taskId } = await client().sendWorkNotice({ userIds: ['sup_general', 'sup_fresh'], card: sent });

    const state = await control('/__sandbox/state');
    for (const userId of ['sup_general', 'sup_fresh']) {
      expect(state.notifications[userId]).toEqual([
        expect.objectContaining({
          taskId: Number(taskId),
          agentId: Number(AGENT_ID),
          msg: {
            msgtype: 'action_card',
            action_card: { title: sent.title, markdown: sent.markdown, single_title: sent.singleTitle, single_url: sent.singleUrl },
          },
        }),
      ]);
    }
  });

  it('refuses a card larger than DingTalk accepts before sending it', async () => {
    const error = await failure(client().sendWorkNotice({ userIds: ['sup_general'], card: { ...card('big'), markdown: '审'.repeat(700) } }));
    expect(error).toMatchObject({ kind: 'business', code: 'invalid_input', retryable: false });
    expect(await callsTo('/topapi/message/corpconversation/asyncsend_v2')).toHaveLength(0);
  });
});

describe('todos', () => {
  /** sup_general's unionId in the sandbox's organisation: the client resolves it from the user id. */
  const UNION = 'union-sup-general';
  const todo = {
    userId: 'sup_general',
    subject: '审核 张*三 的AI面试结果',
    description: '综合客服 · 82.5 分',
    detailUrl: 'https://h5.example.com/candidates/42',
    key: 'review-42-round-1',
  };

  it('creates a todo for the executor with our source id', async () => {
    const { id } = await client().createTodo(todo);

    const state = await control('/__sandbox/state');
    expect(state.todos).toEqual([
      expect.objectContaining({
        id,
        unionId: UNION,
        subject: todo.subject,
        description: todo.description,
        executorIds: [UNION],
        detailUrl: { appUrl: todo.detailUrl, pcUrl: todo.detailUrl },
        sourceId: todo.key,
      }),
    ]);
  });

  it('fails a second todo for the same source id as a business error, sent once', async () => {
    const dingtalk = client();
    await dingtalk.createTodo(todo);

    const error = await failure(dingtalk.createTodo(todo));
    expect(error).toMatchObject({ kind: 'business', code: 'todo.taskCreate.paramError', retryable: false });
    expect(await callsTo('/v1.0/todo/users/union-sup-general/tasks')).toHaveLength(2);
  });

  it('reads the user\'s unionId once and addresses the todo with it', async () => {
    const dingtalk = client();
    await dingtalk.createTodo(todo);
    await dingtalk.createTodo({ ...todo, key: 'review-42-round-2' });
    expect(await callsTo('/topapi/v2/user/get')).toHaveLength(1);
    expect(await callsTo(`/v1.0/todo/users/${UNION}/tasks`)).toHaveLength(2);
  });

  it('a user DingTalk does not know fails the todo without sending it', async () => {
    const error = await failure(client().createTodo({ ...todo, userId: 'nobody' }));
    expect(error).toMatchObject({ retryable: false });
    expect(sandbox.state.todos).toHaveLength(0);
  });

  it('passes the due time in epoch milliseconds', async () => {
    const dueAt = new Date('2026-12-15T18:00:00+08:00');
    const { id } = await client().createTodo({ ...todo, dueAt });
    expect(sandbox.state.todos.find((t) => t.id === id)?.dueTime).toBe(dueAt.getTime());
  });

  it("finds the executor's todo by our source id, open until completed", async () => {
    const dingtalk = client();
    const { id } = await dingtalk.createTodo(todo);

    expect(await dingtalk.findTodoByKey({ userId: todo.userId, key: todo.key })).toEqual({ id, done: false });
    await dingtalk.completeTodo({ userId: todo.userId, todoId: id });
    expect(await dingtalk.findTodoByKey({ userId: todo.userId, key: todo.key })).toEqual({ id, done: true });
  });

  it('completes a todo as its user, and completing it again is harmless', async () => {
    const dingtalk = client();
    const { id } = await dingtalk.createTodo(todo);

    await dingtalk.completeTodo({ userId: todo.userId, todoId: id });
    await dingtalk.completeTodo({ userId: todo.userId, todoId: id });
    expect(sandbox.state.todos.find((t) => t.id === id)).toMatchObject({ done: true, modifierId: UNION, finishTime: expect.any(Number) });
  });

  it('finds nothing for a source id without a todo, without retrying', async () => {
    const dingtalk = client();
    await dingtalk.createTodo(todo);

    expect(await dingtalk.findTodoByKey({ userId: todo.userId, key: 'review-43-round-1' })).toBeNull();
    expect(await callsTo('/v1.0/todo/users/union-sup-general/tasks/sources/review-43-round-1')).toHaveLength(1);
  });

  it("does not find another user's todo by source id", async () => {
    const dingtalk = client();
    await dingtalk.createTodo(todo);
    expect(await dingtalk.findTodoByKey({ userId: 'hr01', key: todo.key })).toBeNull();
  });

  it('finds a todo whose source id needs escaping in the path', async () => {
    const dingtalk = client();
    const sourceId = 'training/42 第1轮';
    const { id } = await dingtalk.createTodo({ ...todo, key: sourceId });
    expect(await dingtalk.findTodoByKey({ userId: todo.userId, key: sourceId })).toEqual({ id, done: false });
  });

  it('fails a read by source id that DingTalk answers as an unknown API, rather than finding nothing', async () => {
    const error = await failure(client().findTodoByKey({ userId: todo.userId, key: '' }));
    expect(error).toMatchObject({ kind: 'business', code: 'InvalidAction.NotFound', status: 404 });
  });

  it('retries a rate-limited read by source id', async () => {
    const dingtalk = client();
    const { id } = await dingtalk.createTodo(todo);
    await fault(`/v1.0/todo/users/union-sup-general/tasks/sources/${todo.key}`, 'qps');

    expect(await dingtalk.findTodoByKey({ userId: todo.userId, key: todo.key })).toEqual({ id, done: false });
    expect(sleeps).toEqual([1000]);
  });

  it('fails completing an unknown todo as not_found, sent once', async () => {
    const error = await failure(client().completeTodo({ userId: todo.userId, todoId: 'taskNoSuchTodo' }));
    expect(error).toMatchObject({ kind: 'not_found', code: 'todo.task.notFound', status: 400, retryable: false });
    expect(await callsTo('/v1.0/todo/users/union-sup-general/tasks/taskNoSuchTodo')).toHaveLength(1);
  });

  it("fails completing another user's todo as not_found and leaves it open", async () => {
    const dingtalk = client();
    const { id } = await dingtalk.createTodo(todo);

    await expect(failure(dingtalk.completeTodo({ userId: 'hr01', todoId: id }))).resolves.toMatchObject({ kind: 'not_found' });
    expect(sandbox.state.todos.find((t) => t.id === id)?.done).toBe(false);
  });

  it('never retries a completion that failed with 5xx', async () => {
    const dingtalk = client();
    const { id } = await dingtalk.createTodo(todo);
    await fault(`/v1.0/todo/users/union-sup-general/tasks/${id}`, 'http500');

    await expect(failure(dingtalk.completeTodo({ userId: todo.userId, todoId: id }))).resolves.toMatchObject({ kind: 'server', retryable: true });
    expect(await callsTo(`/v1.0/todo/users/union-sup-general/tasks/${id}`)).toHaveLength(1);
  });
});

describe('智能人事 pre-entries', () => {
  it('writes the roster fields, talent pool included, as custom roster fields the sandbox keeps', async () => {
    const roster = { interviewBatch: '2026-12-01', overallScore: '82.5', modelVersion: 'v3', talentPool: '储备主管' };
    const { preEntryId } = await client().createPreEntry({ name: '刘晓燕', mobile: '13912345678', expectedEntryDate: '2026-12-15', operatorUserId: 'hr01', roster });

    const entry = sandbox.state.preEntries.find((p) => p.tmpUserId === preEntryId);
    expect(entry?.fields.map((f) => [f.fieldCode, f.value])).toEqual([
      ['customField-aiInterviewBatch', '2026-12-01'],
      ['customField-aiOverallScore', '82.5'],
      ['customField-aiModelVersion', 'v3'],
      ['customField-aiTalentPool', '储备主管'],
    ]);
  });
});

describe('users and departments', () => {
  it('exchanges an auth code once; a second use fails as kind auth_code and is not retried', async () => {
    const dingtalk = client();
    const { code } = await control('/__sandbox/auth-codes', { userId: 'sup_general' });

    expect(await dingtalk.getUserByAuthCode(code)).toEqual({ userId: 'sup_general', unionId: 'union-sup-general', name: '张伟' });
    const error = await failure(dingtalk.getUserByAuthCode(code));
    expect(error).toMatchObject({ kind: 'auth_code', code: '40078', retryable: false });
    expect(await callsTo('/topapi/v2/user/getuserinfo')).toHaveLength(2);
  });

  it('does not retry an auth-code exchange that failed with a server error', async () => {
    const { code } = await control('/__sandbox/auth-codes', { userId: 'sup_general' });
    await fault('/topapi/v2/user/getuserinfo', 'http500');

    await expect(failure(client().getUserByAuthCode(code))).resolves.toMatchObject({ kind: 'server' });
    expect(await callsTo('/topapi/v2/user/getuserinfo')).toHaveLength(1);
  });

  it('maps every demo user', async () => {
    const dingtalk = client();
    for (const user of ORG.users) {
      expect(await dingtalk.getUser(user.userId)).toEqual({
        userId: user.userId,
        unionId: user.unionId,
        name: user.name,
        title: user.title,
        deptIds: user.deptIds,
        mobile: user.mobile,
      });
    }
  });

  it('maps every demo department, the root without a parent', async () => {
    const dingtalk = client();
    for (const dept of ORG.departments) expect(await dingtalk.getDepartment(dept.deptId)).toEqual(dept);
    expect(ORG.departments.some((dept) => dept.parentId === null)).toBe(true);
  });

  it('fails an unknown user as a business error, without retrying', async () => {
    const error = await failure(client().getUser('nobody'));
    expect(error).toMatchObject({ kind: 'business', code: '33012', retryable: false });
    expect(sleeps).toEqual([]);
  });
});
