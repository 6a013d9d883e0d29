import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { FairnessReport, ReportAlert, ReportSummary, TrainingReport } from '@aireview/shared';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeBrowser, screenshot, screenshotOf, seededApplications, SETTLE, startE2e, type E2eEnv, type Phone } from './harness.js';

/**
 * 数据看板 as people see it: HR reach it from 我的 and read the numbers the server computes (n, the
 * histograms and their bins), follow the demo's weak-batch alert to the candidate list of that batch,
 * narrow the filters and export; a supervisor sees their own scope; staff get neither entry nor data.
 */
const HR = 'hr01'; // 李静
const SUPERVISOR = 'sup_general'; // 张伟, CS-GENERAL
const STAFF = 'staff01'; // 赵敏

describeBrowser('数据看板 in the browser', () => {
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

  /** The API's own answer for the signed-in user of `page` (same session cookie as the app). */
  async function api<T>(page: Page, path: string): Promise<T> {
    const body = await page.evaluate(async (url) => {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      return { status: response.status, json: (await response.json()) as unknown };
    }, `/api/v1${path}`);
    expect(body.status, `GET ${path}`).toBe(200);
    return (body.json as { data: T }).data;
  }

  /** Opens 我的 as `userId` and goes to 数据看板 through its entry. */
  async function openReports(userId: string): Promise<Page> {
    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(env.appUrl(userId, '/me'));
    await page.getByTestId('me-page').waitFor();
    await page.getByTestId('open-reports').click();
    await page.getByTestId('reports-page').waitFor();
    expect(new URL(page.url()).hash).toBe('#/reports');
    return page;
  }

  /** The bins a histogram's table view lists, after switching it to 表格. */
  async function tableCounts(page: Page, dimension: string): Promise<number[]> {
    const section = page.locator(`[data-testid="histogram"][data-dimension="${dimension}"]`);
    await section.getByTestId('view-table').click();
    const counts = await section.getByTestId('histogram-count').allTextContents();
    return counts.map(Number);
  }

  it('HR open 数据看板 from 我的 and see n, a histogram per distribution with the threshold line, and its bins as a table', async () => {
    // One decided review, so that a conversion rate and the supervisor table have something to show.
    const target = (await seededApplications(env.server)).find((a) => a.positionCode === 'CS-GENERAL' && a.stage === 'in_review' && a.approvalInstanceId)!;
    const decided = await fetch(`${env.sandboxUrl}/__sandbox/approvals/${target.approvalInstanceId}/decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: SUPERVISOR, result: 'agree' }),
    });
    expect(decided.status).toBe(200);
    const stageOf = async () => ((await env.server.deps.ds.query('SELECT stage FROM applications WHERE id = ?', [target.applicationId])) as { stage: string }[])[0]?.stage;
    await expect.poll(stageOf, SETTLE).toBe('second_interview');

    const page = await openReports(HR);
    const expected = await api<ReportSummary>(page, '/reports/summary');
    expect(expected.n).toBeGreaterThan(0);

    await expect.poll(() => page.getByTestId('report-n').textContent(), SETTLE).toBe(String(expected.n));
    const histograms = page.getByTestId('histogram');
    expect(await histograms.evaluateAll((sections) => sections.map((s) => s.getAttribute('data-dimension')))).toEqual(['overall', ...expected.dimensions.map((d) => d.dimension)]);
    // Every histogram is drawn (one canvas each), as is the funnel.
    await expect.poll(() => page.locator('[data-testid="histogram-chart"] canvas').count(), SETTLE).toBe(1 + expected.dimensions.length);
    await page.locator('[data-testid="funnel-chart"] canvas').waitFor();
    await screenshot(page, '30-reports-hr');

    expect(await tableCounts(page, 'overall')).toEqual(expected.overall.histogram.map((b) => b.count));
    const service = expected.dimensions.find((d) => d.dimension === 'serviceAwareness')!;
    expect(await tableCounts(page, 'serviceAwareness')).toEqual(service.histogram.map((b) => b.count));
    const firstBin = expected.overall.histogram[0]!;
    expect(await page.locator('[data-testid="histogram"][data-dimension="overall"] [data-testid="histogram-row"]').first().textContent()).toBe(`${firstBin.from}–${firstBin.to}${firstBin.count}`);

    // Funnel, conversion, cycle time and supervisors: the server's numbers, with Chinese labels.
    const funnel = page.getByTestId('report-funnel');
    await funnel.getByTestId('view-table').click();
    const funnelTexts = await funnel.getByTestId('funnel-row').allTextContents();
    expect(funnelTexts).toHaveLength(expected.funnel.length);
    expect(funnelTexts[expected.funnel.findIndex((f) => f.stage === 'in_review')]).toBe(`待审核${expected.funnel.find((f) => f.stage === 'in_review')!.count}`);
    const reviewed = page.locator('[data-testid="conversion-row"][data-key="reviewedToSecondInterview"]');
    const toSecond = expected.conversion.reviewedToSecondInterview;
    expect(toSecond.of).toBeGreaterThan(0);
    expect(await reviewed.getByTestId('conversion-counts').textContent()).toBe(`${toSecond.count} / ${toSecond.of}`);
    expect(await reviewed.getByTestId('conversion-rate').textContent()).toBe(`${Math.round(toSecond.rate! * 1000) / 10}%`);
    expect(await reviewed.getByTestId('conversion-interval').textContent()).toMatch(/^95% 区间 [\d.]+%–[\d.]+%$/);
    const retained = page.locator('[data-testid="conversion-row"][data-key="hiredToRetained90d"]');
    const rate = expected.conversion.hiredToRetained90d;
    expect(await retained.getByTestId('conversion-counts').textContent()).toBe(`${rate.count} / ${rate.of}`);
    if (rate.of === 0) expect(await retained.getByTestId('conversion-rate').textContent()).toBe('样本不足');
    expect(await page.getByTestId('cycle-n').textContent()).toBe(String(expected.cycleTime.n));
    expect(await page.getByTestId('supervisor-row').count()).toBe(expected.supervisors.length);
    const supervisor = expected.supervisors.find((s) => s.userId === SUPERVISOR)!;
    expect(await page.locator(`[data-testid="supervisor-row"][data-user-id="${SUPERVISOR}"]`).textContent()).toContain(`${supervisor.name ?? SUPERVISOR}${supervisor.decisions}`);
    expect(await page.getByTestId('source-row').count()).toBe(expected.sources.length);
    // Fairness monitoring, for HR: the coverage of consented demographics as the server counts it.
    const fairness = await api<FairnessReport>(page, '/reports/fairness');
    await expect.poll(() => page.getByTestId('fairness-coverage').textContent(), SETTLE).toBe(`${fairness.withDemographics}/${fairness.n} 人授权提供性别或年龄`);
    // 培训完成情况: the positions with assignments, as the server counts them (none yet: the empty state).
    const training = await api<TrainingReport>(page, '/reports/training');
    const withTraining = training.positions.filter((p) => p.assignments.total > 0);
    if (withTraining.length === 0) await page.getByTestId('training-empty').waitFor();
    else await expect.poll(() => page.getByTestId('training-position').count(), SETTLE).toBe(withTraining.length);
    await screenshotOf(funnel, '31-reports-funnel-table');
    await screenshotOf(page.getByTestId('report-conversion'), '31-reports-conversion');
    await screenshotOf(page.getByTestId('report-supervisors'), '31-reports-supervisors');
  });

  it("HR follow the weak batch's alert to the candidate list of that position and batch", async () => {
    const page = await openReports(HR);
    const alerts = await api<ReportAlert[]>(page, '/reports/alerts');
    const weak = alerts.find((a) => a.kind === 'batch_below_threshold' && a.dimension === 'serviceAwareness');
    expect(weak, 'the demo seed has a batch weak on 服务意识').toBeDefined();
    const batch = weak!.candidates.batch!;

    const rows = page.getByTestId('alert-item');
    await expect.poll(() => rows.count(), SETTLE).toBe(alerts.length);
    const row = page.locator(`[data-testid="alert-item"][data-kind="batch_below_threshold"][data-batch="${batch}"]`).filter({ hasText: weak!.message });
    expect(await row.textContent()).toContain('批次低分');
    await screenshot(page, '32-reports-alerts', { viewport: true });

    const listRequests: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/applications') listRequests.push(url);
    });
    await row.click();
    await page.getByTestId('candidates-page').waitFor();
    const hash = new URL(page.url()).hash;
    expect(new URLSearchParams(hash.slice(hash.indexOf('?') + 1)).get('batch')).toBe(batch);
    const positionName = ((await env.server.deps.ds.query('SELECT name FROM positions WHERE code = ?', [weak!.candidates.positionCode])) as { name: string }[])[0]!.name;
    await expect.poll(() => page.getByTestId('active-filter').allTextContents().then((t) => t.map((s) => s.trim())), SETTLE).toEqual([positionName, `批次 ${batch}`]);

    // The list holds exactly that batch: scroll it to its end and compare with the database.
    const inBatch = (await env.server.deps.ds.query(
      'SELECT c.name AS name FROM applications a JOIN candidates c ON c.id = a.candidateId JOIN positions p ON p.id = a.positionId WHERE a.batch = ? AND p.code = ?',
      [batch, weak!.candidates.positionCode],
    )) as { name: string }[];
    expect(inBatch.length).toBe(weak!.n);
    const finished = page.locator('.van-list__finished-text', { hasText: '没有更多了' });
    await expect
      .poll(async () => {
        await page.getByTestId('candidate-item').last().scrollIntoViewIfNeeded();
        return finished.isVisible();
      }, SETTLE)
      .toBe(true);
    const names = await page.getByTestId('candidate-item').getByTestId('candidate-name').allTextContents();
    expect(names.sort()).toEqual(inBatch.map((r) => r.name).sort());
    expect(listRequests.length).toBeGreaterThan(0);
    for (const url of listRequests) expect([url.searchParams.get('positionCode'), url.searchParams.get('batch')]).toEqual([weak!.candidates.positionCode, batch]);
    await screenshot(page, '33-candidates-from-alert');
  });

  it('HR narrow the filters (a bad batch is refused in the sheet), see the narrowed n, export it as Excel and pick days', async () => {
    const page = await openReports(HR);
    await page.getByTestId('report-n').waitFor();
    await page.getByTestId('report-filter-open').click();
    const sheet = page.getByTestId('report-filter-sheet');
    await sheet.waitFor();
    await sheet.getByTestId('report-filter-batch').locator('input').fill('两个 词');
    expect(await sheet.locator('.van-field__error-message').textContent()).toBe('批次不能包含空格，最多 64 个字符');
    expect(await sheet.getByTestId('report-filter-apply').isDisabled()).toBe(true);
    await screenshot(page, '34-reports-filter-sheet', { viewport: true });
    await sheet.getByTestId('report-filter-batch').locator('input').fill('');
    await sheet.locator('[data-testid="report-filter-position"][data-value="CS-FRESH"]').click();
    await sheet.getByTestId('report-filter-apply').click();

    const expected = await api<ReportSummary>(page, '/reports/summary?positionCode=CS-FRESH');
    const all = await api<ReportSummary>(page, '/reports/summary');
    expect(expected.n).toBeLessThan(all.n);
    await expect.poll(() => page.getByTestId('report-n').textContent(), SETTLE).toBe(String(expected.n));
    expect(await page.getByTestId('report-active-filter').allTextContents().then((t) => t.map((s) => s.trim()))).toEqual(['生鲜客服']);
    expect(new URL(page.url()).hash).toBe('#/reports?position=CS-FRESH');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = readFileSync((await download.path())!);
    // An xlsx is a zip archive.
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    await screenshot(page, '35-reports-filtered');

    // Yesterday only (an Asia/Shanghai day, both ends included): the demo's weak batch was interviewed then.
    const yesterday = new Date(env.server.deps.clock.now().getTime() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('report-filter-open').click();
    await sheet.waitFor();
    await sheet.getByTestId('report-filter-reset').click();
    await sheet.getByTestId('report-filter-from').locator('input').fill(yesterday);
    await sheet.getByTestId('report-filter-to').locator('input').fill(yesterday);
    await sheet.getByTestId('report-filter-apply').click();
    const day = await api<ReportSummary>(page, `/reports/summary?from=${yesterday}&to=${yesterday}`);
    expect(day.n).toBeGreaterThan(0);
    expect(day.n).toBeLessThan(all.n);
    await expect.poll(() => page.getByTestId('report-n').textContent(), SETTLE).toBe(String(day.n));
    expect(await page.getByTestId('report-active-filter').allTextContents().then((t) => t.map((s) => s.trim()))).toEqual([`${yesterday} 至 ${yesterday}`]);
  });

  it('a supervisor sees 数据看板 for their own positions only', async () => {
    const page = await openReports(SUPERVISOR);
    const expected = await api<ReportSummary>(page, '/reports/summary');
    const total = (await env.server.deps.ds.query('SELECT COUNT(*) AS n FROM applications')) as { n: number | string }[];
    expect(expected.n).toBeGreaterThan(0);
    expect(expected.n).toBeLessThan(Number(total[0]!.n));
    await expect.poll(() => page.getByTestId('report-n').textContent(), SETTLE).toBe(String(expected.n));
    expect(await page.getByTestId('histogram').count()).toBe(1 + expected.dimensions.length);
    expect(await page.getByTestId('report-fairness').count()).toBe(0);
    await screenshot(page, '36-reports-supervisor');
  });

  it('staff have no entry to 数据看板 and are refused on a direct link', async () => {
    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(env.appUrl(STAFF, '/me'));
    await page.getByTestId('me-page').waitFor();
    await page.getByTestId('me-role').waitFor();
    expect(await page.getByTestId('open-reports').count()).toBe(0);

    await page.goto(env.appUrl(STAFF, '/reports'));
    const error = page.getByTestId('reports-page').getByTestId('state-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('只有 HR、管理员和主管可以查看数据看板');
    expect(await error.getByTestId('retry-button').count()).toBe(0);
    expect(await page.getByTestId('report-n').count()).toBe(0);
    expect(await page.getByTestId('alert-item').count()).toBe(0);
    await screenshot(page, '37-reports-staff-forbidden');
  });
});
