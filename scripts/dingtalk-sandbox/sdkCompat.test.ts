import * as oauthSdk from '@alicloud/dingtalk/dist/oauth2_1_0/client.js';
import * as todoSdk from '@alicloud/dingtalk/dist/todo_1_0/client.js';
import * as workflowSdk from '@alicloud/dingtalk/dist/workflow_1_0/client.js';
import * as openApi from '@alicloud/openapi-client';
import * as teaUtil from '@alicloud/tea-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from './sandbox.js';

/**
 * The official SDK (`@alicloud/dingtalk`) casts every response field to its declared type and throws
 * on a mismatch, so it is a strict check that the sandbox's new-API shapes are DingTalk's.
 */

/** Node ESM sees a CJS module's `exports` as `default`; the class is `exports.default`. */
function cjsClass<T>(module: { default: T }): T {
  const exported = module.default as unknown as { default?: T };
  return typeof exported === 'object' && exported.default ? exported.default : module.default;
}

const WorkflowClient = cjsClass(workflowSdk);
const OauthClient = cjsClass(oauthSdk);
const TodoClient = cjsClass(todoSdk);
const { Config } = openApi;
const { RuntimeOptions } = teaUtil;

let sandbox: Sandbox;
let running: RunningSandbox;
let config: InstanceType<typeof Config>;

beforeAll(async () => {
  sandbox = createSandbox({ callbackDelayMs: 0 });
  running = await sandbox.listen(0);
  config = new Config({ protocol: 'http', endpoint: new URL(running.url).host, regionId: 'central' });
});

afterAll(async () => {
  await sandbox.callbacksIdle();
  await running.close();
});

async function token(): Promise<string> {
  const client = new OauthClient(config);
  const response = await client.getAccessToken(
    new oauthSdk.GetAccessTokenRequest({ appKey: sandbox.config.appKey, appSecret: sandbox.config.appSecret }),
  );
  return response.body?.accessToken ?? '';
}

describe('@alicloud/dingtalk against the sandbox', () => {
  it('oauth2: GetAccessToken parses, and bad credentials raise err.code invalidClientIdOrSecret', async () => {
    expect(await token()).toMatch(/^[0-9a-f]{32}$/);
    const client = new OauthClient(config);
    await expect(client.getAccessToken(new oauthSdk.GetAccessTokenRequest({ appKey: 'x', appSecret: 'y' }))).rejects.toMatchObject({
      code: 'invalidClientIdOrSecret',
    });
  });

  it('workflow: FormCreate, StartProcessInstance, GetProcessInstance, ExecuteProcessInstance parse', async () => {
    const accessToken = await token();
    const client = new WorkflowClient(config);
    const runtime = new RuntimeOptions({});

    const form = await client.formCreateWithOptions(
      new workflowSdk.FormCreateRequest({
        name: 'SDK 审批',
        formComponents: [
          new workflowSdk.FormComponent({ componentType: 'TextField', props: new workflowSdk.FormComponentProps({ componentId: 'TextField-a', label: '候选人' }) }),
        ],
      }),
      new workflowSdk.FormCreateHeaders({ xAcsDingtalkAccessToken: accessToken }),
      runtime,
    );
    const processCode = form.body?.result?.processCode ?? '';
    expect(processCode).toMatch(/^PROC-/);

    const started = await client.startProcessInstanceWithOptions(
      new workflowSdk.StartProcessInstanceRequest({
        processCode,
        originatorUserId: 'hr01',
        deptId: 200,
        approvers: [new workflowSdk.StartProcessInstanceRequestApprovers({ actionType: 'NONE', userIds: ['sup_general'] })],
        formComponentValues: [new workflowSdk.StartProcessInstanceRequestFormComponentValues({ name: '候选人', value: '张*三' })],
      }),
      new workflowSdk.StartProcessInstanceHeaders({ xAcsDingtalkAccessToken: accessToken }),
      runtime,
    );
    const instanceId = started.body?.instanceId ?? '';
    expect(instanceId).not.toBe('');

    const get = () =>
      client.getProcessInstanceWithOptions(
        new workflowSdk.GetProcessInstanceRequest({ processInstanceId: instanceId }),
        new workflowSdk.GetProcessInstanceHeaders({ xAcsDingtalkAccessToken: accessToken }),
        runtime,
      );
    const detail = await get();
    const task = detail.body?.result?.tasks?.[0];
    expect(detail.body?.result?.status).toBe('RUNNING');
    expect(task?.userId).toBe('sup_general');

    const executed = await client.executeProcessInstanceWithOptions(
      new workflowSdk.ExecuteProcessInstanceRequest({
        processInstanceId: instanceId,
        taskId: task?.taskId,
        actionerUserId: 'sup_general',
        result: 'agree',
        remark: '同意',
      }),
      new workflowSdk.ExecuteProcessInstanceHeaders({ xAcsDingtalkAccessToken: accessToken }),
      runtime,
    );
    expect(executed.body?.result).toBe(true);
    const after = await get();
    expect(after.body?.result).toMatchObject({ status: 'COMPLETED', result: 'agree' });
    expect(after.body?.result?.operationRecords?.map((record) => record.type)).toEqual(['START_PROCESS_INSTANCE', 'EXECUTE_TASK_NORMAL']);
  });

  it('workflow: business errors surface as err.code', async () => {
    const client = new WorkflowClient(config);
    await expect(
      client.getProcessInstanceWithOptions(
        new workflowSdk.GetProcessInstanceRequest({ processInstanceId: 'nope' }),
        new workflowSdk.GetProcessInstanceHeaders({ xAcsDingtalkAccessToken: await token() }),
        new RuntimeOptions({}),
      ),
    ).rejects.toMatchObject({ code: 'processInstanceNotExist' });
  });

  it('todo: CreateTodoTask parses', async () => {
    const client = new TodoClient(config);
    const response = await client.createTodoTaskWithOptions(
      'union-hr01',
      new todoSdk.CreateTodoTaskRequest({
        operatorId: 'union-hr01',
        subject: '审核候选人',
        sourceId: 'sdk-1',
        executorIds: ['union-sup-general'],
        detailUrl: new todoSdk.CreateTodoTaskRequestDetailUrl({ appUrl: 'http://127.0.0.1:3000/app/', pcUrl: 'http://127.0.0.1:3000/app/' }),
      }),
      new todoSdk.CreateTodoTaskHeaders({ xAcsDingtalkAccessToken: await token() }),
      new RuntimeOptions({}),
    );
    expect(response.body).toMatchObject({ subject: '审核候选人', sourceId: 'sdk-1', done: false });
    expect(typeof response.body?.id).toBe('string');
  });

  it('todo: CreateTodoTask, GetTodoTaskBySourceId, UpdateTodoTask parse, and an unknown source raises err.code todo.task.notFound', async () => {
    const accessToken = await token();
    const client = new TodoClient(config);
    const runtime = new RuntimeOptions({});
    const dueTime = Date.parse('2026-12-15T18:00:00+08:00');

    const created = await client.createTodoTaskWithOptions(
      'union-sup-general',
      new todoSdk.CreateTodoTaskRequest({
        operatorId: 'union-sup-general',
        subject: '完成培训：投诉处理',
        sourceId: 'sdk-training-1',
        executorIds: ['union-sup-general'],
        dueTime,
        detailUrl: new todoSdk.CreateTodoTaskRequestDetailUrl({ appUrl: 'http://127.0.0.1:3000/app/', pcUrl: 'http://127.0.0.1:3000/app/' }),
      }),
      new todoSdk.CreateTodoTaskHeaders({ xAcsDingtalkAccessToken: accessToken }),
      runtime,
    );
    const id = created.body?.id ?? '';

    const bySource = () =>
      client.getTodoTaskBySourceIdWithOptions('union-sup-general', 'sdk-training-1', new todoSdk.GetTodoTaskBySourceIdHeaders({ xAcsDingtalkAccessToken: accessToken }), runtime);
    expect((await bySource()).body).toMatchObject({ id, subject: '完成培训：投诉处理', sourceId: 'sdk-training-1', dueTime, done: false, detailUrl: { appUrl: 'http://127.0.0.1:3000/app/' } });

    const updated = await client.updateTodoTaskWithOptions(
      'union-sup-general',
      id,
      new todoSdk.UpdateTodoTaskRequest({ operatorId: 'union-sup-general', done: true }),
      new todoSdk.UpdateTodoTaskHeaders({ xAcsDingtalkAccessToken: accessToken }),
      runtime,
    );
    expect(updated.body?.result).toBe(true);
    expect((await bySource()).body).toMatchObject({ id, done: true, finishTime: expect.any(Number) });

    await expect(
      client.getTodoTaskBySourceIdWithOptions('union-sup-general', 'sdk-none', new todoSdk.GetTodoTaskBySourceIdHeaders({ xAcsDingtalkAccessToken: accessToken }), runtime),
    ).rejects.toMatchObject({ code: 'todo.task.notFound' });
  });
});
