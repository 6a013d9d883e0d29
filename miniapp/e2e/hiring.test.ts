import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeBrowser, screenshot, seededApplications, SETTLE, startE2e, type E2eEnv, type Phone } from './harness.js';

/** After 复试, as HR see it: they record 录用 with an onboarding date, the file says 已录用 and DingTalk gets the pre-entry. */
const HR = 'hr01'; // 李静
const SUPERVISOR = 'sup_general'; // 张伟, CS-GENERAL

describeBrowser('after 复试 in the browser', () => {
  let env: E2eEnv;
  let phone: Phone | undefined;

  beforeAll(async () => {
    env = await startE2e();
  });
  afterAll(async () => env?.close());
  afterEach(async () => {
    const errors = phone?.pageErrors ?? [];
    await phone?.context.close();
    phone = undefined;
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  it('HR record 录用 on a 复试 candidate and see 已录用, the onboarding date and the 智能人事 pre-entry', async () => {
    const target = (await seededApplications(env.server)).find((a) => a.positionCode === 'CS-GENERAL' && a.stage === 'in_review' && a.approvalInstanceId)!;
    // The supervisor approves in DingTalk's own screen: the callback moves the candidate to 复试.
    const decided = await fetch(`${env.sandboxUrl}/__sandbox/approvals/${target.approvalInstanceId}/decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: SUPERVISOR, result: 'agree' }),
    });
    expect(decided.status).toBe(200);
    const stageOf = async () => ((await env.server.deps.ds.query('SELECT stage FROM applications WHERE id = ?', [target.applicationId])) as { stage: string }[])[0]?.stage;
    await expect.poll(stageOf, SETTLE).toBe('second_interview');

    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(env.appUrl(HR, `/applications/${target.applicationId}`));
    await page.getByTestId('open-outcome').click();
    const sheet = page.getByTestId('outcome-sheet');
    await sheet.waitFor();
    await page.getByTestId('outcome-hired').click();
    await page.getByTestId('outcome-date').waitFor();
    const onboardingDate = (await page.getByTestId('outcome-date-value').textContent())!.trim();
    expect(onboardingDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await screenshot(page, '20-outcome-sheet-hired');
    await page.getByTestId('outcome-submit').click();

    await expect.poll(() => page.getByTestId('hiring-outcome').textContent().catch(() => null), SETTLE).toBe('已录用');
    expect(await page.getByTestId('hiring-onboarding-date').textContent()).toBe(onboardingDate);
    expect(await page.getByTestId('open-outcome').count()).toBe(0);
    await expect.poll(() => env.sandbox.state.preEntries.filter((p) => p.mobile === target.phone).length, SETTLE).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId('hiring-hr-status').textContent().catch(() => null), SETTLE).toBe('待入职已创建');
    await screenshot(page, '21-candidate-file-hired');
  });
});
