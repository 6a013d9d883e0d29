import type { DimensionScores } from '@aireview/shared';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeBrowser, screenshot, seededApplications, SETTLE, startE2e, type E2eEnv, type Phone, type SeededApplication } from './harness.js';

/**
 * 培训联动 as people see it: a supervisor's approval assigns the position's courses (and the 储备主管
 * programme) by the interview scores, HR mark one done; HR fast-track a candidate to 复试 with a
 * mandatory course, send another to retake the AI interview, and publish a new version of a
 * position's training rules.
 */
const HR = 'hr01'; // 李静
const SUPERVISOR = 'sup_general'; // 张伟, CS-GENERAL

type Candidate = SeededApplication & { scores: DimensionScores };

describeBrowser('training linkage in the browser', () => {
  let env: E2eEnv;
  let phone: Phone | undefined;
  /** CS-GENERAL candidates still 待审核 with a DingTalk approval, with their dimension scores. */
  let open: Candidate[];
  const taken = new Set<string>();

  beforeAll(async () => {
    env = await startE2e();
    const rows = (await env.server.deps.ds.query('SELECT id, dimensionScores FROM applications')) as { id: string; dimensionScores: string }[];
    const scores = new Map(rows.map((r) => [r.id, JSON.parse(r.dimensionScores) as DimensionScores]));
    open = (await seededApplications(env.server))
      .filter((a) => a.positionCode === 'CS-GENERAL' && a.stage === 'in_review' && a.approvalInstanceId)
      .map((a) => ({ ...a, scores: scores.get(a.applicationId) ?? {} }));
  });
  afterAll(async () => env?.close());
  afterEach(async () => {
    const errors = phone?.pageErrors ?? [];
    await phone?.context.close();
    phone = undefined;
    expect(errors, 'uncaught errors in the page').toEqual([]);
  });

  /** A candidate no other test of this file uses. */
  function pick(what: string, matches: (c: Candidate) => boolean = () => true): Candidate {
    const found = open.find((c) => !taken.has(c.applicationId) && matches(c));
    expect(found, `the demo seed has a CS-GENERAL candidate in 待审核 ${what}`).toBeDefined();
    taken.add(found!.applicationId);
    return found!;
  }

  const stageOf = async (applicationId: string) =>
    ((await env.server.deps.ds.query('SELECT stage FROM applications WHERE id = ?', [applicationId])) as { stage: string }[])[0]?.stage;

  async function openFile(userId: string, applicationId: string) {
    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(env.appUrl(userId, `/applications/${applicationId}`));
    await page.getByTestId('file-header').waitFor();
    return page;
  }

  it('approval assigns the courses by the scores; HR see why, mark one done, and the 储备主管 tag shows', async () => {
    const target = pick('with 服务意识 < 70 and 应变能力 ≥ 85', (c) => (c.scores.serviceAwareness ?? 100) < 70 && (c.scores.adaptability ?? 0) >= 85);
    // The supervisor approves in DingTalk's own screen: the callback moves the candidate to 复试, which fires the rules.
    const decided = await fetch(`${env.sandboxUrl}/__sandbox/approvals/${target.approvalInstanceId}/decide`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: SUPERVISOR, result: 'agree' }),
    });
    expect(decided.status).toBe(200);
    await expect.poll(() => stageOf(target.applicationId), SETTLE).toBe('second_interview');

    const page = await openFile(HR, target.applicationId);
    expect(await page.getByTestId('file-header').getByTestId('reserve-supervisor-tag').textContent()).toBe('储备主管');
    const card = page.getByTestId('training-card');
    await card.waitFor();
    const item = (ruleId: string) => card.locator(`[data-testid="training-item"][data-rule-id="${ruleId}"]`);
    const serviceScore = target.scores.serviceAwareness!.toFixed(1);
    for (const [ruleId, title] of [['service-skills', '客户服务技巧'], ['empathy', '同理心训练']] as const) {
      expect(await item(ruleId).getByTestId('training-title').textContent()).toBe(title);
      expect(await item(ruleId).getByTestId('training-trigger').textContent()).toBe(`依据 服务意识 ${serviceScore}`);
      expect(await item(ruleId).getByTestId('training-status').textContent()).toBe('待完成');
      // Counted from an onboarding date that is not known before 录用.
      expect(await item(ruleId).getByTestId('training-due').textContent()).toBe('入职后确定截止日期');
    }
    expect(await item('reserve-supervisor').getByTestId('training-trigger').textContent()).toContain('应变能力');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, '50-candidate-file-training');

    await item('service-skills').getByTestId('training-done').click();
    const sheet = page.getByTestId('training-status-sheet');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('客户服务技巧');
    await page.getByTestId('training-status-remark').locator('textarea').fill('已参加线下客户服务技巧培训');
    await screenshot(page, '51-training-mark-done-sheet', { viewport: true });
    await page.getByTestId('training-status-submit').click();
    await sheet.waitFor({ state: 'hidden' });

    await expect.poll(() => item('service-skills').getByTestId('training-status').textContent(), SETTLE).toBe('已完成');
    expect(await item('service-skills').getByTestId('training-remark').textContent()).toBe('备注：已参加线下客户服务技巧培训');
    expect(await item('service-skills').getByTestId('training-done').count()).toBe(0);
    expect(await item('empathy').getByTestId('training-status').textContent()).toBe('待完成');
    // What the server holds, not only what the page shows.
    await page.reload();
    await expect.poll(() => item('service-skills').getByTestId('training-status').textContent(), SETTLE).toBe('已完成');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, '52-candidate-file-training-done', { viewport: true });
  });

  it('HR fast-track a candidate to 复试 with one mandatory course', async () => {
    const target = pick('for a fast-track');
    const page = await openFile(HR, target.applicationId);
    await page.getByTestId('open-fast-track').click();
    const sheet = page.getByTestId('fast-track-sheet');
    await sheet.waitFor();
    const rules = page.getByTestId('fast-track-rule');
    await expect.poll(() => rules.count(), SETTLE).toBe(3);
    expect(await rules.evaluateAll((boxes) => boxes.map((b) => b.getAttribute('data-rule-id')))).toEqual(['service-skills', 'empathy', 'product-knowledge']);
    // Preselected: the courses whose condition the newest round meets.
    const low = (d: 'serviceAwareness' | 'productKnowledge') => String((target.scores[d] ?? 100) < 70);
    const rule = (id: string) => page.locator(`[data-testid="fast-track-rule"][data-rule-id="${id}"]`);
    expect(await rule('service-skills').getAttribute('aria-checked')).toBe(low('serviceAwareness'));
    expect(await rule('product-knowledge').getAttribute('aria-checked')).toBe(low('productKnowledge'));
    // Only 产品知识培训.
    for (const id of ['service-skills', 'empathy', 'product-knowledge']) {
      if ((await rule(id).getAttribute('aria-checked')) !== String(id === 'product-knowledge')) await rule(id).click();
    }
    expect(await page.getByTestId('fast-track-submit').isDisabled()).toBe(true);
    await page.getByTestId('fast-track-remark').locator('textarea').fill('综合表现突出，产品知识需补强后上岗');
    await screenshot(page, '53-fast-track-sheet', { viewport: true });
    await page.getByTestId('fast-track-submit').click();
    await sheet.waitFor({ state: 'hidden' });

    const stageTag = page.getByTestId('file-header').getByTestId('stage-tag');
    await expect.poll(() => stageTag.getAttribute('data-stage'), SETTLE).toBe('second_interview');
    expect(await stageTag.textContent()).toBe('复试');
    expect(await stageOf(target.applicationId)).toBe('second_interview');
    const course = page.locator('[data-testid="training-item"][data-rule-id="product-knowledge"]');
    await expect.poll(() => course.getByTestId('training-mandatory').textContent().catch(() => null), SETTLE).toBe('必修');
    expect(await page.locator('[data-testid="training-mandatory"]').count()).toBe(1);
    expect(await page.getByTestId('open-fast-track').count()).toBe(0);
    expect(await page.getByTestId('open-decision').count()).toBe(0);
    await page.getByTestId('training-card').scrollIntoViewIfNeeded();
    await screenshot(page, '54-candidate-file-fast-tracked', { viewport: true });
  });

  it('HR send a candidate to retake the AI interview: 重新面试, and no restart of the closed review', async () => {
    const target = pick('for a retake');
    const page = await openFile(HR, target.applicationId);
    await page.getByTestId('open-retake').click();
    const sheet = page.getByTestId('retake-sheet');
    await sheet.waitFor();
    expect(await sheet.textContent()).toContain('完整的重新面试');
    expect(await page.getByTestId('retake-submit').isDisabled()).toBe(true);
    await page.getByTestId('retake-remark').locator('textarea').fill('网络中断导致多个场景超时，安排重新面试');
    await screenshot(page, '55-retake-sheet', { viewport: true });
    await page.getByTestId('retake-submit').click();
    await sheet.waitFor({ state: 'hidden' });

    const stageTag = page.getByTestId('file-header').getByTestId('stage-tag');
    await expect.poll(() => stageTag.getAttribute('data-stage'), SETTLE).toBe('retake_requested');
    expect(await stageTag.textContent()).toBe('重新面试');
    expect(await stageOf(target.applicationId)).toBe('retake_requested');
    // The review is terminated, but it was HR who closed it: nothing to restart, no moves left.
    await expect.poll(() => env.sandbox.state.approvals.get(target.approvalInstanceId)?.status, SETTLE).toBe('TERMINATED');
    await page.reload();
    await page.getByTestId('reviews-card').waitFor();
    expect(await page.getByTestId('restart-review').count()).toBe(0);
    expect(await page.getByTestId('open-retake').count()).toBe(0);
    expect(await page.getByTestId('hr-moves').count()).toBe(0);
    await screenshot(page, '56-candidate-file-retake');
  });

  it('HR add a rule to CS-FRESH’s 培训规则 and publish it as the next version', async () => {
    phone = await env.newPhone();
    const { page } = phone;
    await page.goto(env.appUrl(HR, '/positions/CS-FRESH'));
    await page.getByTestId('open-training-rules').click();
    await page.getByTestId('training-rules-page').waitFor();
    const version = page.getByTestId('training-rules-version');
    await version.waitFor();
    const before = Number(await version.getAttribute('data-version'));
    expect(before).toBeGreaterThanOrEqual(1);
    const rows = page.getByTestId('training-rule');
    expect(await rows.count()).toBe(5);
    expect(await page.locator('[data-testid="training-rule"][data-rule-id="service-skills"]').textContent()).toContain('服务意识 < 70');
    expect(await page.locator('[data-testid="training-rule"][data-rule-id="service-skills"]').getByTestId('training-rule-due').textContent()).toBe('入职前');
    await screenshot(page, '57-training-rules');

    await page.getByTestId('add-training-rule').click();
    const editor = page.getByTestId('training-rule-editor');
    await editor.waitFor();
    await editor.locator('[data-testid="rule-dimension"][data-value="communication"]').click();
    await page.getByTestId('rule-title').locator('input').fill('沟通表达训练');
    await editor.locator('[data-testid="rule-relative-to"][data-value="onboarding"]').click();
    await page.getByTestId('rule-due-days').locator('input').fill('14');
    await page.getByTestId('rule-due-days').locator('input').blur();
    await expect.poll(() => page.getByTestId('rule-preview').textContent()).toBe('沟通表达 < 70 → 课程「沟通表达训练」，入职后 14 天内');
    await screenshot(page, '58-training-rule-editor', { viewport: true });
    await page.getByTestId('rule-editor-save').click();
    await editor.waitFor({ state: 'hidden' });
    expect(await rows.count()).toBe(6);

    await page.getByTestId('training-rules-note').locator('input').fill('新增沟通表达课程');
    expect((await page.getByTestId('training-rules-save').textContent())?.trim()).toBe(`保存为 v${before + 1}`);
    await page.getByTestId('training-rules-save').click();
    await expect.poll(() => version.getAttribute('data-version'), SETTLE).toBe(String(before + 1));
    expect(await page.getByTestId('training-rules-updated').textContent()).toContain('李静');

    // Through the API, with the page's own session.
    const published = await page.evaluate(async () => {
      const response = await fetch('/api/v1/positions/CS-FRESH/training-rules', { credentials: 'same-origin' });
      return ((await response.json()) as { data: { version: number; note: string; rules: { id: string; when: unknown; assign: unknown }[] } }).data;
    });
    expect(published.version).toBe(before + 1);
    expect(published.note).toBe('新增沟通表达课程');
    expect(published.rules.at(-1)).toEqual({
      id: 'course',
      when: { dimension: 'communication', below: 70 },
      assign: { kind: 'course', title: '沟通表达训练', dueDays: 14, relativeTo: 'onboarding' },
    });
    await screenshot(page, '59-training-rules-published');
  });
});
