import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type Sandbox } from './sandbox.js';

/** The sandbox page, run with its inline script in happy-dom against a live sandbox over HTTP. */

let sandbox: Sandbox;
let running: RunningSandbox;
let window: Window;

beforeEach(async () => {
  sandbox = createSandbox({ callbackDelayMs: 0, h5Url: 'http://127.0.0.1:3000/app/' });
  running = await sandbox.listen(0);
});

afterEach(async () => {
  await window.happyDOM.abort();
  await window.happyDOM.close();
  await sandbox.callbacksIdle();
  await running.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, any>;
}

async function seed(): Promise<void> {
  const { accessToken } = await post('/v1.0/oauth2/accessToken', { appKey: sandbox.config.appKey, appSecret: sandbox.config.appSecret });
  const auth = { 'x-acs-dingtalk-access-token': accessToken as string };
  const form = await post('/v1.0/workflow/forms', { name: 'AI面试结果审核', formComponents: [{ componentType: 'TextField', props: { label: '候选人' } }] }, auth);
  await post(
    '/v1.0/workflow/processInstances',
    {
      processCode: form.result.processCode,
      originatorUserId: 'hr01',
      approvers: [{ actionType: 'NONE', userIds: ['sup_general'] }],
      formComponentValues: [{ name: '候选人', value: '张*三' }],
    },
    auth,
  );
  await post(`/topapi/message/corpconversation/asyncsend_v2?access_token=${accessToken}`, {
    agent_id: 1,
    userid_list: 'sup_general',
    msg: {
      msgtype: 'oa',
      oa: {
        message_url: `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent('http://127.0.0.1:3000/app/#/candidates/1')}&pc_slide=true`,
        head: { bgcolor: 'FFBBBBBB', text: 'AI面试' },
        body: { title: '候选人 张*三 待审核', form: [{ key: '岗位', value: '综合客服' }], content: '综合得分 82' },
      },
    },
  });
}

async function openPage(userId: string) {
  window = new Window({
    url: `${running.url}/?user=${userId}`,
    settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true },
  });
  window.document.write(await (await fetch(`${running.url}/`)).text());
  await until(() => (window.document.getElementById('approvals')?.childElementCount ?? 0) > 0);
  return window.document;
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('page did not render in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('sandbox page', () => {
  it("shows the user's notification with its link opening the H5 app as that user", async () => {
    await seed();
    const document = await openPage('sup_general');
    expect(document.getElementById('notices')?.textContent).toContain('候选人 张*三 待审核');
    expect(document.getElementById('notices')?.textContent).toContain('综合客服');
    expect(document.querySelector('#notices a')?.getAttribute('href')).toBe('http://127.0.0.1:3000/app/?sandboxUser=sup_general#/candidates/1');
    const openH5 = document.getElementById('openH5');
    expect(openH5?.getAttribute('href')).toBe('http://127.0.0.1:3000/app/?sandboxUser=sup_general');
    expect(openH5?.textContent).toBe('以此用户打开H5应用');
    // The full-width blue button, not the plain outlined one every other link and button gets.
    const style = window.getComputedStyle(openH5!);
    expect([style.display, style.backgroundColor, style.color]).toEqual(['block', '#1677ff', '#fff']);
  });

  it('hides the open-H5 button when the sandbox has no H5 URL', async () => {
    await running.close();
    sandbox = createSandbox({ callbackDelayMs: 0 });
    running = await sandbox.listen(0);
    const document = await openPage('sup_general');
    const openH5 = document.getElementById('openH5')!;
    expect(openH5.hasAttribute('hidden')).toBe(true);
    expect(window.getComputedStyle(openH5).display).toBe('none');
  });

  it('approves a task with a remark from the page', async () => {
    await seed();
    const document = await openPage('sup_general');
    const remark = document.querySelector('input.remark') as unknown as { value: string };
    remark.value = '沟通能力强';
    (document.querySelector('button.agree') as unknown as { click(): void }).click();
    await until(() => document.getElementById('approvals')?.textContent?.includes('已同意') ?? false);
    const [instance] = sandbox.state.approvals.values();
    expect(instance?.status).toBe('COMPLETED');
    expect(instance?.tasks[0]).toMatchObject({ result: 'AGREE', remark: '沟通能力强' });
  });

  it('shows an empty inbox for a user without tasks or notifications', async () => {
    await seed();
    const document = await openPage('staff01');
    expect(document.getElementById('approvals')?.textContent).toContain('暂无审批任务');
    expect(document.getElementById('todos')?.textContent).toContain('暂无待办');
    expect(document.getElementById('notices')?.textContent).toContain('暂无工作通知');
  });

  it("shows the user's todos, done or not, with their link opening the H5 app as that user", async () => {
    const { accessToken } = await post('/v1.0/oauth2/accessToken', { appKey: sandbox.config.appKey, appSecret: sandbox.config.appSecret });
    const auth = { 'x-acs-dingtalk-access-token': accessToken as string };
    const todo = (subject: string, sourceId: string) => ({
      subject,
      sourceId,
      executorIds: ['union-staff01'],
      detailUrl: { appUrl: 'http://127.0.0.1:3000/app/#/training/7', pcUrl: 'http://127.0.0.1:3000/app/#/training/7' },
    });
    const first = await post('/v1.0/todo/users/union-staff01/tasks', todo('完成培训：投诉处理', 'training-7'), auth);
    await post('/v1.0/todo/users/union-staff01/tasks', todo('完成培训：退货流程', 'training-8'), auth);
    await post('/v1.0/todo/users/union-sup-general/tasks', { ...todo('别人的待办', 'review-1'), executorIds: ['union-sup-general'] }, auth);
    await fetch(`${running.url}/v1.0/todo/users/union-staff01/tasks/${first.id as string}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ done: true }) });

    const document = await openPage('staff01');
    await until(() => document.querySelectorAll('#todos .card').length > 0);
    const cards = [...document.querySelectorAll('#todos .card')].map((card) => card.querySelector('.title')?.textContent);
    expect(cards).toEqual(['完成培训：退货流程待完成', '完成培训：投诉处理已完成']);
    expect(document.querySelector('#todos a')?.getAttribute('href')).toBe('http://127.0.0.1:3000/app/?sandboxUser=staff01#/training/7');
  });
});
