import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import DecisionSheet from './DecisionSheet.vue';

const api = vi.hoisted(() => ({ createDecision: vi.fn() }));
vi.mock('../../api/applications', () => api);

function mountSheet(recommendation: 'recommended' | 'borderline' | 'not_recommended') {
  return mount(DecisionSheet, {
    props: { show: true, applicationId: 'app-1', recommendation, candidateName: '张三', teleport: null },
    attachTo: document.body,
  });
}

const result = (decision: string) => ({ applicationId: 'app-1', reviewId: 'r1', decision, stage: 'second_interview', agreedWithAi: true, outcome: 'applied' });

beforeEach(() => {
  api.createDecision.mockReset();
  document.body.innerHTML = '';
});

describe('DecisionSheet', () => {
  it('shows the AI recommendation beside the buttons and marks the suggested one', () => {
    const wrapper = mountSheet('recommended');
    expect(wrapper.get('[data-testid="ai-suggestion"]').text()).toContain('AI建议：通过（推荐）');
    expect(wrapper.get('[data-testid="decision-agree"]').text()).toContain('AI建议');
    expect(wrapper.get('[data-testid="decision-refuse"]').text()).not.toContain('AI建议');
  });

  it('submits a decision that follows the AI without a warning', async () => {
    api.createDecision.mockResolvedValue(result('agree'));
    const wrapper = mountSheet('recommended');
    await wrapper.get('[data-testid="decision-agree"]').trigger('click');
    await wrapper.get('[data-testid="decision-remark"] textarea').setValue('表达清晰');
    await wrapper.get('[data-testid="decision-submit"]').trigger('click');
    await flushPromises();

    expect(wrapper.find('[data-testid="decision-warning-confirm"]').exists()).toBe(false);
    expect(api.createDecision).toHaveBeenCalledWith('app-1', { decision: 'agree', remark: '表达清晰' });
    expect(wrapper.emitted('decided')?.[0]).toEqual([result('agree')]);
    expect(wrapper.emitted('update:show')?.at(-1)).toEqual([false]);
  });

  it('warns before a decision against the AI, and submits only after confirming', async () => {
    api.createDecision.mockResolvedValue(result('refuse'));
    const wrapper = mountSheet('recommended');
    await wrapper.get('[data-testid="decision-refuse"]').trigger('click');
    await wrapper.get('[data-testid="decision-submit"]').trigger('click');
    await flushPromises();

    const warning = wrapper.get('[data-testid="decision-warning"]');
    expect(warning.isVisible()).toBe(true);
    expect(warning.text()).toContain('与 AI 建议不一致');
    expect(api.createDecision).not.toHaveBeenCalled();

    await wrapper.get('[data-testid="decision-warning-confirm"]').trigger('click');
    await flushPromises();
    expect(api.createDecision).toHaveBeenCalledWith('app-1', { decision: 'refuse' });
  });

  it('sends nothing when the warning is cancelled', async () => {
    const wrapper = mountSheet('not_recommended');
    await wrapper.get('[data-testid="decision-agree"]').trigger('click');
    await wrapper.get('[data-testid="decision-submit"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="decision-warning-cancel"]').trigger('click');
    await flushPromises();

    expect(api.createDecision).not.toHaveBeenCalled();
    expect(wrapper.get('[data-testid="decision-warning"]').isVisible()).toBe(false);
  });

  it('asks for scenarios before a supplementary test, then sends the picked ones', async () => {
    api.createDecision.mockResolvedValue(result('supplementary'));
    const wrapper = mountSheet('borderline');
    await wrapper.get('[data-testid="decision-supplementary"]').trigger('click');
    await wrapper.get('[data-testid="decision-submit"]').trigger('click');
    expect(wrapper.get('[data-testid="decision-error"]').text()).toBe('补充测试需要至少选择一个场景');
    expect(api.createDecision).not.toHaveBeenCalled();

    await wrapper.get('[data-testid="supplementary-scenario"][data-scenario-id="cross_department"]').trigger('click');
    await wrapper.get('[data-testid="decision-submit"]').trigger('click');
    await flushPromises();
    expect(api.createDecision).toHaveBeenCalledWith('app-1', { decision: 'supplementary', scenarios: ['cross_department'] });
  });

  it("shows the server's message when the decision is refused", async () => {
    const { ApiError } = await import('../../api/http');
    api.createDecision.mockRejectedValue(new ApiError(409, 'already_decided', '该审核已由其他审批人处理'));
    const wrapper = mountSheet('recommended');
    await wrapper.get('[data-testid="decision-agree"]').trigger('click');
    await wrapper.get('[data-testid="decision-submit"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="decision-error"]').text()).toBe('该审核已由其他审批人处理');
    expect(wrapper.emitted('decided')).toBeUndefined();
  });
});
