import type { TrainingRulesView } from '@aireview/shared';
import { DOMWrapper, enableAutoUnmount, flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '../../api/http';
import { useSessionStore } from '../../stores/session';
import TrainingRulesPage from './TrainingRulesPage.vue';

const api = vi.hoisted(() => ({ getTrainingRules: vi.fn(), publishTrainingRules: vi.fn() }));
vi.mock('../../api/training', () => api);
const feedback = vi.hoisted(() => ({ showSuccessToast: vi.fn() }));
vi.mock('../../components/feedback', () => feedback);
vi.mock('../../api/positions', () => ({ listPositions: vi.fn().mockResolvedValue([{ code: 'CS-FRESH', name: '生鲜客服' }]) }));

const VIEW: TrainingRulesView = {
  positionCode: 'CS-FRESH',
  version: 2,
  rules: [
    { id: 'service-skills', when: { dimension: 'serviceAwareness', below: 70 }, assign: { kind: 'course', title: '客户服务技巧', dueDays: 0, relativeTo: 'onboarding' } },
    { id: 'product-knowledge', when: { dimension: 'productKnowledge', below: 70 }, assign: { kind: 'course', title: '产品知识培训', dueDays: 30, relativeTo: 'onboarding' } },
    { id: 'reserve-supervisor', when: { dimension: 'adaptability', atLeast: 85 }, assign: { kind: 'programme', title: '储备主管培养计划', relativeTo: 'decision' } },
  ],
  note: '首版',
  updatedByName: '李静',
  updatedAt: '2026-12-01T02:00:00.000Z',
  history: [{ version: 1, ruleCount: 2, note: null, createdByName: '李静', createdAt: '2026-11-20T02:00:00.000Z' }],
};

enableAutoUnmount(afterEach);
beforeEach(() => {
  api.getTrainingRules.mockReset();
  api.publishTrainingRules.mockReset();
  feedback.showSuccessToast.mockReset();
});

async function mountPage(role: 'hr' | 'supervisor') {
  const pinia = createPinia();
  useSessionStore(pinia).user = { userId: role === 'hr' ? 'hr01' : 'sup_general', name: '某人', role, departmentIds: [1] };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: TrainingRulesPage }] });
  mount(TrainingRulesPage, { props: { code: 'CS-FRESH' }, attachTo: document.body, global: { plugins: [router, pinia] } });
  await flushPromises();
  // The page and the editor sheet it teleports to <body>.
  return new DOMWrapper(document.body);
}

const rows = (wrapper: Awaited<ReturnType<typeof mountPage>>) =>
  wrapper.findAll('[data-testid="training-rule"]').map((r) => `${r.get('[data-testid="training-rule-condition"]').text()} → ${r.get('[data-testid="training-rule-assign"]').text()} ${r.find('[data-testid="training-rule-due"]').exists() ? r.get('[data-testid="training-rule-due"]').text() : ''}`.trim());

describe('TrainingRulesPage', () => {
  it('shows the version, who changed it and each rule as condition → assignment, read-only for a supervisor', async () => {
    api.getTrainingRules.mockResolvedValue(VIEW);
    const wrapper = await mountPage('supervisor');
    expect(api.getTrainingRules).toHaveBeenCalledWith('CS-FRESH');
    expect(wrapper.get('[data-testid="training-rules-version"]').text()).toBe('当前 v2');
    expect(wrapper.get('[data-testid="training-rules-updated"]').text()).toBe('李静 更新于 2026-12-01 10:00');
    expect(rows(wrapper)).toEqual(['服务意识 < 70 → 课程 · 客户服务技巧 入职前', '产品知识 < 70 → 课程 · 产品知识培训 入职后 30 天内', '应变能力 ≥ 85 → 储备主管培养 · 储备主管培养计划']);
    expect(wrapper.find('[data-testid="add-training-rule"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="edit-training-rule"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="training-rules-save"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="training-rules-readonly"]').text()).toContain('只有 HR 和管理员');
  });

  it('lets HR add a rule and publish the set against the version it was read at', async () => {
    api.getTrainingRules.mockResolvedValue(VIEW);
    const wrapper = await mountPage('hr');
    expect(wrapper.get('[data-testid="training-rules-save"]').attributes('disabled')).toBeDefined();

    await wrapper.get('[data-testid="add-training-rule"]').trigger('click');
    const editor = wrapper.get('[data-testid="training-rule-editor"]');
    await editor.get('[data-testid="rule-dimension"][data-value="communication"]').trigger('click');
    await editor.get('[data-testid="rule-title"] input').setValue('沟通表达训练');
    expect(editor.get('[data-testid="rule-preview"]').text()).toBe('沟通表达 < 70 → 课程「沟通表达训练」，入职前');
    await editor.get('[data-testid="rule-editor-save"]').trigger('click');
    expect(rows(wrapper).at(-1)).toBe('沟通表达 < 70 → 课程 · 沟通表达训练 入职前');

    const published = { ...VIEW, version: 3, rules: [...VIEW.rules, { id: 'course', when: { dimension: 'communication', below: 70 }, assign: { kind: 'course', title: '沟通表达训练', dueDays: 0, relativeTo: 'onboarding' } }] };
    api.publishTrainingRules.mockResolvedValue(published);
    await wrapper.get('[data-testid="training-rules-note"] input').setValue('新增沟通课程');
    expect(wrapper.get('[data-testid="training-rules-save"]').text()).toBe('保存为 v3');
    await wrapper.get('[data-testid="training-rules-save"]').trigger('click');
    await flushPromises();
    expect(api.publishTrainingRules).toHaveBeenCalledWith('CS-FRESH', { rules: published.rules, expectedVersion: 2, note: '新增沟通课程' });
    expect(wrapper.get('[data-testid="training-rules-version"]').text()).toBe('当前 v3');
    expect(feedback.showSuccessToast).toHaveBeenCalledWith('已发布 v3');
    expect(wrapper.get('[data-testid="training-rules-save"]').attributes('disabled')).toBeDefined();
  });

  it('edits and deletes rules in the draft, keeping an edited rule’s id', async () => {
    api.getTrainingRules.mockResolvedValue(VIEW);
    api.publishTrainingRules.mockResolvedValue(VIEW);
    const wrapper = await mountPage('hr');
    await wrapper.findAll('[data-testid="edit-training-rule"]')[1]!.trigger('click');
    await wrapper.get('[data-testid="rule-relative-to"][data-value="decision"]').trigger('click');
    await wrapper.get('[data-testid="rule-editor-save"]').trigger('click');
    expect(rows(wrapper)[1]).toBe('产品知识 < 70 → 课程 · 产品知识培训 决定后 30 天内');
    await wrapper.findAll('[data-testid="edit-training-rule"]')[0]!.trigger('click');
    await wrapper.get('[data-testid="rule-editor-delete"]').trigger('click');
    await wrapper.get('[data-testid="training-rules-save"]').trigger('click');
    await flushPromises();
    const sent = api.publishTrainingRules.mock.calls[0]![1] as { rules: { id: string; assign: { relativeTo: string } }[] };
    expect(sent.rules.map((r) => r.id)).toEqual(['product-knowledge', 'reserve-supervisor']);
    expect(sent.rules[0]!.assign.relativeTo).toBe('decision');
  });

  it('shows the editor’s own check before anything is sent', async () => {
    api.getTrainingRules.mockResolvedValue(VIEW);
    const wrapper = await mountPage('hr');
    await wrapper.get('[data-testid="add-training-rule"]').trigger('click');
    await wrapper.get('[data-testid="rule-editor-save"]').trigger('click');
    expect(wrapper.get('[data-testid="rule-editor-error"]').text()).toBe('请填写培训名称');
    expect(rows(wrapper)).toHaveLength(3);
  });

  it('on a concurrent change says so and reloads the newest version when asked', async () => {
    api.getTrainingRules.mockResolvedValueOnce(VIEW).mockResolvedValueOnce({ ...VIEW, version: 3, rules: VIEW.rules.slice(0, 1) });
    api.publishTrainingRules.mockRejectedValue(new ApiError(409, 'concurrent_update', '培训规则已更新到 v3'));
    const wrapper = await mountPage('hr');
    await wrapper.findAll('[data-testid="edit-training-rule"]')[0]!.trigger('click');
    await wrapper.get('[data-testid="rule-editor-delete"]').trigger('click');
    await wrapper.get('[data-testid="training-rules-save"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="training-rules-error"]').text()).toContain('培训规则已被其他人修改，请刷新后重试');
    await wrapper.get('[data-testid="training-rules-reload"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="training-rules-version"]').text()).toBe('当前 v3');
    expect(rows(wrapper)).toHaveLength(1);
    expect(wrapper.find('[data-testid="training-rules-error"]').exists()).toBe(false);
  });
});
