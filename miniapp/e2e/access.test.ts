import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeBrowser, screenshot, seededApplications, SETTLE, startE2e, type E2eEnv, type Phone, type SeededApplication } from './harness.js';

/**
 * Who sees what, as a person sees it in the browser: a supervisor of another department gets nothing
 * of a candidate outside their scope; HR filters the list and sees full phone numbers, supervisors
 * see them masked.
 */
const FRESH_SUPERVISOR = 'sup_fresh'; // 陈芳, 生鲜客服部: supervises CS-FRESH, not CS-GENERAL
const HR = 'hr01'; // 李静

describeBrowser('access and HR views in the browser', () => {
  let env: E2eEnv;
  let all: SeededApplication[];
  let phone: Phone | undefined;

  beforeAll(async () => {
    env = await startE2e();
    all = await seededApplications(env.server);
  });
  afterAll(async () => env?.close());
  afterEach(async () => {
    const errors = phone?.pageErrors ?? [];
    await phone?.context.close();
    phone = undefined;
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  /** Opens the app the way the sandbox page links to it: signed in as `userId`, on `route`. */
  async function openAs(userId: string, route: string): Promise<Page> {
    phone = await env.newPhone();
    await phone.page.goto(env.appUrl(userId, route));
    return phone.page;
  }

  /** Names on the candidate list once it has loaded to the end. */
  async function listedNames(page: Page): Promise<string[]> {
    await page.locator('.van-list__finished-text', { hasText: '没有更多了' }).waitFor();
    return (await page.getByTestId('candidate-item').getByTestId('candidate-name').allTextContents()).sort();
  }

  const names = (apps: SeededApplication[]) => apps.map((a) => a.candidateName).sort();

  it('a supervisor of another department opening a CS-GENERAL file gets the not-found state and none of its data', async () => {
    const target = all.find((a) => a.positionCode === 'CS-GENERAL' && a.recordings > 0)!;
    phone = await env.newPhone();
    const { page } = phone;
    const apiStatuses: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith(`/api/v1/applications/${target.applicationId}`)) apiStatuses.push(r.status());
    });
    await page.goto(env.appUrl(FRESH_SUPERVISOR, `/applications/${target.applicationId}`));

    const error = page.getByTestId('file-page').getByTestId('state-error');
    await error.waitFor();
    await expect.poll(() => apiStatuses, SETTLE).toEqual([404]);
    expect(await error.textContent()).toContain('候选人不存在或无权查看');
    // Retrying cannot help here; the way back can.
    expect(await error.getByTestId('back-button').isVisible()).toBe(true);
    expect(await error.getByTestId('retry-button').count()).toBe(0);
    expect(await page.getByTestId('file-header').count()).toBe(0);
    expect(await page.getByTestId('open-decision').count()).toBe(0);
    const html = await page.content();
    expect(html).not.toContain(target.candidateName);
    expect(html).not.toContain(`****${target.phone.slice(-4)}`);
    await screenshot(page, '10-other-department-supervisor-file-forbidden');
  });

  it("that supervisor's candidate list holds only their own position's candidates", async () => {
    const fresh = all.filter((a) => a.positionCode === 'CS-FRESH');
    const page = await openAs(FRESH_SUPERVISOR, '/candidates');
    await page.getByTestId('candidates-page').waitFor();
    await expect.poll(() => listedNames(page), SETTLE).toEqual(names(fresh));
    const cards = await page.getByTestId('candidate-item').allTextContents();
    expect(cards.filter((text) => !text.includes('生鲜客服') || text.includes('综合电商客服'))).toEqual([]);
  });

  it('HR signs in with the sandbox user picker, filters the list by position and score, and sees exactly those candidates', async () => {
    // No ?sandboxUser= in the link: the login page offers the demo users and comes back to the list.
    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(`${env.serverUrl}/app/#/candidates`);
    await page.getByTestId('sandbox-picker').waitFor();
    expect(new URL(page.url()).hash).toBe('#/login?redirect=/candidates');
    await screenshot(page, '09-login-sandbox-picker', { viewport: true });
    await page.locator(`[data-testid="sandbox-user"][data-user-id="${HR}"]`).click();
    await page.getByTestId('candidates-page').waitFor();
    expect(new URL(page.url()).hash).toBe('#/candidates');
    await page.getByTestId('candidate-item').first().waitFor();
    await screenshot(page, '11-candidate-list-hr');

    await page.getByTestId('filter-open').click();
    const sheet = page.getByTestId('filter-sheet');
    await sheet.waitFor();
    await page.locator('[data-testid="filter-position"][data-value="CS-FRESH"]').click();
    await page.locator('[data-testid="filter-score"][data-value="80+"]').click();
    await screenshot(page, '12-candidate-filter-sheet-hr', { viewport: true });
    await page.getByTestId('filter-apply').click();
    await sheet.waitFor({ state: 'hidden' });

    const expected = all.filter((a) => a.positionCode === 'CS-FRESH' && a.overallScore >= 80);
    expect(expected.length, 'the demo seed has CS-FRESH candidates scoring 80+').toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.filter((a) => a.positionCode === 'CS-FRESH').length);
    await expect.poll(() => listedNames(page), SETTLE).toEqual(names(expected));
    await expect.poll(() => page.getByTestId('active-filter').allTextContents()).toEqual(['生鲜客服', '80 分以上']);
    const query = new URLSearchParams(new URL(page.url()).hash.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({ position: 'CS-FRESH', score: '80+' });
    // Full phone numbers in HR's list.
    const firstCard = page.getByTestId('candidate-item').first();
    const firstName = await firstCard.getByTestId('candidate-name').textContent();
    const first = expected.find((a) => a.candidateName === firstName)!;
    expect(await firstCard.textContent()).toContain(first.phone);
    await screenshot(page, '13-candidate-list-hr-filtered');
  });

  it('HR opens a file from the filtered list and sees the full phone number', async () => {
    const target = all.filter((a) => a.positionCode === 'CS-FRESH' && a.overallScore >= 80)[0]!;
    const page = await openAs(HR, '/candidates?position=CS-FRESH&score=80%2B');
    await page.locator(`[data-testid="candidate-item"][data-application-id="${target.applicationId}"]`).click();
    await page.getByTestId('file-header').waitFor();
    expect(await page.getByTestId('file-candidate-name').textContent()).toBe(target.candidateName);
    expect(target.phone).toMatch(/^1\d{10}$/);
    expect(await page.getByTestId('file-header').textContent()).toContain(target.phone);
    expect(await page.getByTestId('open-decision').count()).toBe(0); // HR reads; the supervisor decides
    await page.getByTestId('scenario').first().waitFor();
    await screenshot(page, '14-candidate-file-hr');
  });

  it("the same file for that position's supervisor shows the phone masked", async () => {
    const target = all.filter((a) => a.positionCode === 'CS-FRESH' && a.overallScore >= 80)[0]!;
    const page = await openAs(FRESH_SUPERVISOR, `/applications/${target.applicationId}`);
    await page.getByTestId('file-header').waitFor();
    const header = await page.getByTestId('file-header').textContent();
    expect(header).toContain(`${target.phone.slice(0, 3)}****${target.phone.slice(-4)}`);
    expect(await page.content()).not.toContain(target.phone);
    expect(await page.getByTestId('open-decision').isVisible()).toBe(true);
  });

  it('the positions page lists both personas', async () => {
    const page = await openAs(HR, '/positions');
    await page.getByTestId('positions-page').waitFor();
    await expect.poll(async () => (await page.getByTestId('position-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-code')))).sort(), SETTLE).toEqual(['CS-FRESH', 'CS-GENERAL']);
    expect(await page.getByTestId('tabbar').isVisible()).toBe(true);
    await screenshot(page, '15-positions-hr');
  });

  it('HR restart a review whose DingTalk approval was revoked, and a new approval reaches the supervisor', async () => {
    // The last CS-FRESH candidate: earlier tests only read the first ones.
    const target = all.filter((a) => a.positionCode === 'CS-FRESH').at(-1)!;
    await env.server.deps.dingtalk.terminateApproval({ instanceId: target.approvalInstanceId, operatingUserId: HR, remark: '误撤销' });
    const reviewStatus = async () => ((await env.server.deps.ds.query('SELECT status FROM reviews WHERE id = ?', [target.reviewId])) as { status: string }[])[0]?.status;
    await expect.poll(reviewStatus, SETTLE).toBe('terminated');

    const page = await openAs(HR, `/applications/${target.applicationId}`);
    const restart = page.getByTestId('restart-review');
    await restart.waitFor();
    await screenshot(page, '16-candidate-file-hr-approval-revoked');
    await restart.click();
    await expect.poll(reviewStatus, SETTLE).toBe('pending');
    const [row] = (await env.server.deps.ds.query('SELECT approvalInstanceId FROM reviews WHERE id = ?', [target.reviewId])) as { approvalInstanceId: string }[];
    const approvalInstanceId = row!.approvalInstanceId;
    expect(approvalInstanceId).not.toBe(target.approvalInstanceId);
    expect(env.sandbox.state.approvals.get(approvalInstanceId)?.tasks.map((t) => [t.userId, t.status])).toEqual([[FRESH_SUPERVISOR, 'RUNNING']]);
    await expect.poll(() => page.getByTestId('restart-review').count(), SETTLE).toBe(0);
  });
});
