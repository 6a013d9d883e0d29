import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { importHistory } from '../../server/src/imports/index.js';
import { samplePayload } from '../../server/test/factories.js';
import { describeBrowser, screenshot, SETTLE, startE2e, type E2eEnv, type Phone } from './harness.js';

/** HR open 我的 → 绩效数据导入, upload a CSV sheet and see which rows were taken and which were not. */
const HR = 'hr01'; // 李静

describeBrowser('performance sheet upload in the browser', () => {
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

  it('HR upload a CSV and see 已导入 2 and row 4 not imported', async () => {
    const dimensionScores = { communication: 80, adaptability: 80, serviceAwareness: 80, productKnowledge: 80, teamwork: 80, problemSolving: 80 };
    const interview = samplePayload({ startedAt: '2025-03-03T10:00:00+08:00', completedAt: '2025-03-03T10:25:00+08:00', dimensionScores });
    const imported = await importHistory(env.server.deps, [{ interview, outcome: { stage: 'hired', decidedAt: '2025-03-06T15:00:00+08:00', employeeId: 'E-7001' } }]);
    expect(imported).toMatchObject({ accepted: 1, rejected: [] });
    const file = join(mkdtempSync(join(tmpdir(), 'aireview-sheet-')), '六月绩效.csv');
    writeFileSync(file, '工号,月份,满意度,解决率\nE-7001,2025-06,91,85%\nE-7001,2025-07,88,0.8\nE-9999,2025-06,70,\n');

    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(env.appUrl(HR, '/me'));
    await page.getByTestId('me-performance-import').click();
    await page.getByTestId('performance-import-page').waitFor();
    await page.getByTestId('performance-file').setInputFiles(file);
    await expect.poll(() => page.getByTestId('performance-file-name').textContent(), SETTLE).toBe('六月绩效.csv');
    await page.getByTestId('performance-upload').click();

    await expect.poll(() => page.getByTestId('report-accepted').textContent().catch(() => null), SETTLE).toBe('2');
    expect(await page.getByTestId('report-rejected').textContent()).toBe('1');
    const rejected = page.getByTestId('report-rejected-row');
    expect(await rejected.count()).toBe(1);
    expect(await rejected.textContent()).toContain('第 4 行');
    expect(await rejected.textContent()).toContain('找不到对应的已录用员工');
    await screenshot(page, '40-performance-import-report');
    const rows = (await env.server.deps.ds.query('SELECT period FROM performance_records ORDER BY period')) as { period: string }[];
    expect(rows.map((r) => r.period)).toEqual(['2025-06', '2025-07']);
  });
});
