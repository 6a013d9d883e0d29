import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { InboundEvent, Review, StageChange } from '../../server/src/platform/db/entities/index.js';
import { describeBrowser, screenshot, screenshotOf, seededApplications, SETTLE, startE2e, type E2eEnv, type Phone, type SeededApplication } from './harness.js';

/**
 * A supervisor (张伟, sup_general, CS-GENERAL) works through DingTalk's sandbox: a work notification
 * opens the candidate file signed in; from the pending list they open a file, listen to a recording and
 * approve it with a remark; the stage becomes 复试 and DingTalk's approval follows.
 */
const SUPERVISOR = 'sup_general';

describeBrowser('supervisor review in the browser', () => {
  let env: E2eEnv;
  let general: SeededApplication[];
  let phone: Phone | undefined;

  beforeAll(async () => {
    env = await startE2e();
    general = (await seededApplications(env.server)).filter((a) => a.positionCode === 'CS-GENERAL');
  });
  afterAll(async () => env?.close());
  afterEach(async () => {
    const errors = phone?.pageErrors ?? [];
    await phone?.context.close();
    phone = undefined;
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  async function openSandboxPage(userId: string) {
    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(`${env.sandboxUrl}/?user=${userId}`);
    await page.locator('#notices .card').first().waitFor();
    return page;
  }

  it('a work notification on the sandbox page opens that candidate file, signed in as the supervisor', async () => {
    const target = general.find((a) => a.recommendation === 'recommended') ?? general[0]!;
    const page = await openSandboxPage(SUPERVISOR);
    await expect.poll(() => page.locator('#user').inputValue()).toBe(SUPERVISOR);
    // The page lists every approval and notice (tens of thousands of pixels): the top is what matters.
    await screenshot(page, '01-sandbox-page-supervisor', { viewport: true });

    // The card names the review (审核编号 = the first 8 characters of its id).
    const card = page.locator('#notices .card', { hasText: `审核编号 ${target.reviewId.slice(0, 8)}` });
    await expect.poll(() => card.count()).toBe(1);
    const link = card.locator('a.btn');
    const href = await link.getAttribute('href');
    expect(href).toBe(env.appUrl(SUPERVISOR, `/applications/${target.applicationId}`));
    await screenshotOf(card, '01-sandbox-work-notification');

    const [app] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await app.getByTestId('file-page').waitFor();
    await expect.poll(() => app.getByTestId('file-candidate-name').textContent(), SETTLE).toBe(target.candidateName);
    expect(new URL(app.url()).hash).toBe(`#/applications/${target.applicationId}`);
    expect(await app.getByTestId('sandbox-picker').count()).toBe(0);
    expect(await app.getByTestId('open-decision').isVisible()).toBe(true);
  });

  it('from the pending list: open a file, play a recording, approve with a remark → 复试, and DingTalk follows', async () => {
    // A candidate with recordings whom the AI does not recommend: approving asks for confirmation first.
    const target = general.find((a) => a.recommendation === 'not_recommended' && a.recordings > 1)!;
    expect(target, 'the demo seed has a recorded CS-GENERAL candidate the AI does not recommend').toBeDefined();
    const pendingBefore = general.filter((a) => a.stage === 'in_review').length;
    const remark = `沟通清晰，同意进入复试（浏览器测试 ${Date.now()}）`;

    const sandboxPage = await openSandboxPage(SUPERVISOR);
    const [page] = await Promise.all([sandboxPage.context().waitForEvent('page'), sandboxPage.locator('#openH5').click()]);

    const recordingStatuses: number[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/api/v1/recordings/')) recordingStatuses.push(response.status());
    });

    // Pending list, signed in through the sandbox, with the count on the tab.
    await page.getByTestId('pending-page').waitFor();
    await expect.poll(() => page.getByTestId('pending-item').count(), SETTLE).toBe(pendingBefore);
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toBe(`共 ${pendingBefore} 位候选人待审核`);
    await expect.poll(() => page.getByTestId('tab-pending').locator('.van-badge').textContent()).toBe(String(pendingBefore));
    await screenshot(page, '02-pending-list-supervisor');

    await page.locator(`[data-testid="pending-item"][data-application-id="${target.applicationId}"]`).click();
    await page.getByTestId('file-header').waitFor();
    expect(await page.getByTestId('file-candidate-name').textContent()).toBe(target.candidateName);
    expect(await page.getByTestId('file-header').getByTestId('stage-tag').getAttribute('data-stage')).toBe('in_review');
    await page.getByTestId('scenario').first().waitFor();
    await screenshot(page, '03-candidate-file-supervisor');

    // Play the recording the player starts on (the lowest-scoring scenario).
    const player = page.getByTestId('audio-player');
    const lowest = await page.locator('[data-testid="scenario"][data-lowest="true"]').count();
    expect(lowest).toBe(1);
    await page.getByTestId('player-toggle').click();
    await expect.poll(() => player.getAttribute('data-state'), SETTLE).toBe('playing');
    const media = () => page.evaluate(() => {
      const audio = document.querySelector<HTMLAudioElement>('[data-testid="audio-player"] audio')!;
      return { currentTime: audio.currentTime, duration: audio.duration, error: audio.error?.code ?? null };
    });
    await expect.poll(async () => (await media()).currentTime, SETTLE).toBeGreaterThan(1.1);
    expect((await media()).error).toBeNull();
    expect((await media()).duration).toBeGreaterThan(1);
    expect(recordingStatuses.length).toBeGreaterThan(0);
    expect(recordingStatuses.every((status) => status === 200 || status === 206), `recording responses ${recordingStatuses.join(', ')}`).toBe(true);
    await expect.poll(() => page.getByTestId('player-time').textContent()).toMatch(/^0:0[1-9] \/ \d+:\d\d$/);
    await page.getByTestId('player-toggle').click();
    await expect.poll(() => player.getAttribute('data-state')).toBe('paused');
    await page.getByTestId('recordings-card').evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await screenshot(page, '04-candidate-file-recording-played', { viewport: true });

    // Approve with a remark; the AI disagrees, so the warning asks to confirm.
    await page.getByTestId('open-decision').click();
    const sheet = page.getByTestId('decision-sheet');
    await sheet.waitFor();
    await page.getByTestId('decision-agree').click();
    expect(await page.getByTestId('decision-agree').getAttribute('aria-checked')).toBe('true');
    await page.getByTestId('decision-remark').locator('textarea').fill(remark);
    await expect.poll(() => page.getByTestId('decision-submit').textContent()).toContain('确认通过');
    await screenshot(page, '05-decision-sheet', { viewport: true });
    await page.getByTestId('decision-submit').click();
    const warning = page.getByTestId('decision-warning');
    await warning.waitFor();
    await screenshot(page, '06-decision-warning', { viewport: true });
    await page.getByTestId('decision-warning-confirm').click();
    await sheet.waitFor({ state: 'hidden' });
    await warning.waitFor({ state: 'hidden' });

    // The file now shows 复试 and the recorded decision.
    const stageTag = page.getByTestId('file-header').getByTestId('stage-tag');
    await expect.poll(() => stageTag.getAttribute('data-stage'), SETTLE).toBe('second_interview');
    expect(await stageTag.textContent()).toBe('复试');
    await expect.poll(() => page.getByTestId('open-decision').count()).toBe(0);
    const decided = page.locator('[data-testid="review"][data-decision="agree"]');
    await expect.poll(() => decided.count(), SETTLE).toBe(1);
    expect(await decided.textContent()).toContain(remark);
    expect(await decided.getByTestId('review-ai').textContent()).toContain('与AI建议不一致');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, '07-candidate-file-approved', { viewport: true });

    // DingTalk: the supervisor's task was executed with the remark, the approval completed, and its
    // task-finish event was pushed back to our server.
    const instanceId = target.approvalInstanceId;
    const instance = () => env.sandbox.state.approvals.get(instanceId)!;
    await expect.poll(() => instance().status, SETTLE).toBe('COMPLETED');
    expect(instance().result).toBe('agree');
    const task = instance().tasks.find((t) => t.userId === SUPERVISOR)!;
    expect(task).toMatchObject({ status: 'COMPLETED', result: 'AGREE', remark });
    const executes = env.sandbox.state.calls.filter((c) => c.method === 'POST' && c.path === '/v1.0/workflow/processInstances/execute');
    expect(executes).toHaveLength(1);
    expect(executes[0]!.status).toBe(200);
    await expect
      .poll(() => env.sandbox.state.callbacks.filter((c) => c.eventType === 'bpms_task_change' && c.type === 'finish' && c.processInstanceId === instanceId).map((c) => c.status), SETTLE)
      .toEqual(['delivered']);
    expect(env.sandbox.state.calls.filter((c) => (c.status ?? 0) >= 400), 'DingTalk calls that failed').toEqual([]);

    // Our record: decided in the app, against the AI, with the remark; the echoed DingTalk events,
    // once applied, changed nothing (one move to 复试).
    await env.sandbox.callbacksIdle();
    const events = env.server.deps.ds.getRepository(InboundEvent);
    await expect.poll(() => events.countBy({ status: 'pending' }), SETTLE).toBe(0);
    expect(await events.countBy({ status: 'failed' })).toBe(0);
    const review = await env.server.deps.ds.getRepository(Review).findOneByOrFail({ id: target.reviewId });
    expect(review).toMatchObject({ status: 'decided', decision: 'agree', decisionSource: 'app', decidedByUserId: SUPERVISOR, remark, agreedWithAi: false });
    const moves = await env.server.deps.ds.getRepository(StageChange).findBy({ applicationId: target.applicationId, toStage: 'second_interview' });
    expect(moves).toHaveLength(1);
    // HR hears about the candidate who passed.
    const passedNotice = (n: { msg: Record<string, unknown> }) => JSON.stringify(n.msg).includes('复试通知') && JSON.stringify(n.msg).includes(`审核编号 ${target.reviewId.slice(0, 8)}`);
    await expect.poll(() => (env.sandbox.state.notifications.get('hr01') ?? []).filter(passedNotice).length, SETTLE).toBe(1);

    // Back on the pending list the candidate is gone and the badge counts one fewer.
    await page.getByTestId('navbar').locator('.van-nav-bar__left').click();
    await page.getByTestId('pending-page').waitFor();
    await expect.poll(() => page.getByTestId('pending-count').textContent(), SETTLE).toBe(`共 ${pendingBefore - 1} 位候选人待审核`);
    expect(await page.locator(`[data-testid="pending-item"][data-application-id="${target.applicationId}"]`).count()).toBe(0);
    await expect.poll(() => page.getByTestId('tab-pending').locator('.van-badge').textContent()).toBe(String(pendingBefore - 1));
  });
});
