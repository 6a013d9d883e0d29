import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { DEFAULT_TRUE_WEIGHTS, generateHistory } from '../../scripts/calibration/generateHistory.js';
import { seedCalibrationHistory } from '../../scripts/calibration/seedHistory.js';
import { computeCalibration } from '../../server/src/calibration/index.js';
import { Position } from '../../server/src/platform/db/entities/index.js';
import { describeBrowser, screenshot, SETTLE, startE2e, type E2eEnv, type Phone } from './harness.js';

/**
 * HR calibrates a persona against its hires' satisfaction: 400 generated hires of CS-GENERAL (written
 * as imported history), the 校准 page from the position page, its minimum n, then 应用为新版本 with its confirmation;
 * the persona shows the new version with the recommended weights.
 */
const HR = 'hr01';
const CODE = 'CS-GENERAL';

describeBrowser('calibration in the browser', () => {
  let env: E2eEnv;
  let phone: Phone | undefined;

  beforeAll(async () => {
    env = await startE2e();
    await seedCalibrationHistory(env.server.deps.ds, { positionCode: CODE, rows: generateHistory({ n: 400, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS }), outcome: 'satisfaction', now: env.server.deps.clock.now() });
  });
  afterAll(async () => env?.close());
  afterEach(async () => {
    const errors = phone?.pageErrors ?? [];
    await phone?.context.close();
    phone = undefined;
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  it('HR opens 校准 from the persona, reads n, correlations and weights, and applies the recommendation as a new version', async () => {
    const expected = await computeCalibration(env.server.deps, { code: CODE, outcome: 'satisfaction' });
    const recommended = expected.result.recommended;
    expect(recommended, 'the generated history yields a recommendation').not.toBeNull();

    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(env.appUrl(HR, `/positions/${CODE}`));
    await page.getByTestId('open-calibration').click();
    await page.getByTestId('calibration-page').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/positions/${CODE}/calibration`);

    await expect.poll(() => page.getByTestId('calibration-n').textContent(), SETTLE).toBe('400 / 160');
    expect(await page.getByTestId('range-restriction-note').textContent()).toBe('只有录用者有绩效数据，相关系数会低估真实效度');
    expect(await page.getByTestId('calibration-reason').count()).toBe(0);
    await page.getByTestId('correlation-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('correlation-row').count()).toBe(expected.result.dimensions.length);
    const shown = await page.getByTestId('weight-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-dimension'), r.querySelector('[data-testid="recommended-weight"]')?.textContent ?? null]));
    expect(Object.fromEntries(shown.filter(([, w]) => w !== '0%'))).toEqual(Object.fromEntries(Object.entries(recommended!.weights).map(([d, w]) => [d, `${Math.round(w! * 100)}%`])));
    expect(await page.getByTestId('recommended-holdout').textContent()).toBe(recommended!.holdoutValidity.toFixed(2));
    await screenshot(page, '20-calibration-hr');

    // A minimum above n: no recommendation, and the page says why; back below it, the recommendation returns.
    const minimum = page.getByTestId('minimum-n-input').locator('input');
    await minimum.fill('500');
    await minimum.blur();
    await page.getByTestId('minimum-n-save').click();
    await expect.poll(() => page.getByTestId('calibration-n').textContent(), SETTLE).toBe('400 / 500');
    expect(await page.getByTestId('calibration-reason').textContent()).toBe('目前只有 400 名有绩效数据的录用者，至少需要 500 名才能给出建议');
    expect(await page.getByTestId('calibration-apply').count()).toBe(0);
    expect((await env.server.deps.ds.getRepository(Position).findOneByOrFail({ code: CODE })).calibrationMinimumN).toBe(500);
    await minimum.fill('300');
    await minimum.blur();
    await page.getByTestId('minimum-n-save').click();
    await expect.poll(() => page.getByTestId('calibration-n').textContent(), SETTLE).toBe('400 / 300');
    await page.getByTestId('calibration-apply').waitFor();

    // 90-day retention: every seeded hire is still there after 180 days, so there is nothing to learn.
    await page.locator('[data-testid="outcome-option"][data-value="retained90d"]').click();
    await expect.poll(() => page.getByTestId('calibration-reason').getAttribute('data-reason-code'), SETTLE).toBe('no_signal');
    expect(await page.getByTestId('calibration-apply').count()).toBe(0);
    await page.locator('[data-testid="outcome-option"][data-value="satisfaction"]').click();
    await page.getByTestId('calibration-apply').waitFor();

    await page.getByTestId('calibration-apply').click();
    const dialog = page.locator('.van-dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('发布新版本 v2');
    await screenshot(page, '21-calibration-apply-confirm', { viewport: true });
    await dialog.locator('.van-dialog__confirm').click();

    await page.getByTestId('position-page').waitFor();
    await expect.poll(() => page.locator('[data-testid="model-version"][data-version="2"]').count(), SETTLE).toBe(1);
    expect(await page.locator('[data-testid="model-version"][data-version="2"]').textContent()).toContain('当前');
    const persona = await page.getByTestId('model-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-dimension'), r.children[1]?.textContent?.trim()]));
    expect(Object.fromEntries(persona.filter(([, w]) => w !== '0%'))).toEqual(Object.fromEntries(Object.entries(recommended!.weights).map(([d, w]) => [d, `${Math.round(w! * 100)}%`])));
    expect((await env.server.deps.ds.getRepository(Position).findOneByOrFail({ code: CODE })).currentModelVersion).toBe(2);
    await screenshot(page, '22-position-after-calibration');
  });
});
