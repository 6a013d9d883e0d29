import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/http';
import HiringCard from './HiringCard.vue';
import OutcomeSheet from './OutcomeSheet.vue';

const api = vi.hoisted(() => ({ createOutcome: vi.fn() }));
vi.mock('../../api/applications', () => api);

function mountSheet() {
  return mount(OutcomeSheet, { props: { show: true, applicationId: 'app-1', candidateName: '张三', today: '2026-12-03', teleport: null }, attachTo: document.body });
}

beforeEach(() => {
  api.createOutcome.mockReset();
  document.body.innerHTML = '';
});

describe('OutcomeSheet', () => {
  it('offers 录用 / 未通过 / 候选人放弃 and asks for nothing until one is chosen', () => {
    const wrapper = mountSheet();
    expect(wrapper.get('[data-testid="outcome-hired"]').text()).toBe('录用');
    expect(wrapper.get('[data-testid="outcome-rejected"]').text()).toBe('未通过');
    expect(wrapper.get('[data-testid="outcome-withdrawn"]').text()).toBe('候选人放弃');
    expect(wrapper.get('[data-testid="outcome-submit"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="outcome-date"]').exists()).toBe(false);
  });

  it('records 录用 with the expected onboarding date from the date picker and the remark', async () => {
    api.createOutcome.mockResolvedValue({ applicationId: 'app-1', stage: 'hired', onboardingDate: '2026-12-03' });
    const wrapper = mountSheet();
    await wrapper.get('[data-testid="outcome-hired"]').trigger('click');
    expect(wrapper.get('[data-testid="outcome-date"]').find('.van-picker').exists()).toBe(true);
    expect(wrapper.get('[data-testid="outcome-date-value"]').text()).toBe('2026-12-03');
    await wrapper.get('[data-testid="outcome-remark"] textarea').setValue(' 复试优秀 ');
    await wrapper.get('[data-testid="outcome-submit"]').trigger('click');
    await flushPromises();
    expect(api.createOutcome).toHaveBeenCalledWith('app-1', { outcome: 'hired', onboardingDate: '2026-12-03', remark: '复试优秀' });
    expect(wrapper.emitted('recorded')?.[0]).toEqual([{ applicationId: 'app-1', stage: 'hired', onboardingDate: '2026-12-03' }]);
    expect(wrapper.emitted('update:show')?.at(-1)).toEqual([false]);
  });

  it('records 候选人放弃 without a date', async () => {
    api.createOutcome.mockResolvedValue({ applicationId: 'app-1', stage: 'withdrawn', onboardingDate: null });
    const wrapper = mountSheet();
    await wrapper.get('[data-testid="outcome-withdrawn"]').trigger('click');
    await wrapper.get('[data-testid="outcome-submit"]').trigger('click');
    await flushPromises();
    expect(api.createOutcome).toHaveBeenCalledWith('app-1', { outcome: 'withdrawn' });
  });

  it('shows the server’s refusal and stays open', async () => {
    api.createOutcome.mockRejectedValue(new ApiError(409, 'illegal_transition', '不能从「待审核」变更为「已录用」'));
    const wrapper = mountSheet();
    await wrapper.get('[data-testid="outcome-rejected"]').trigger('click');
    await wrapper.get('[data-testid="outcome-submit"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="outcome-error"]').text()).not.toBe('');
    expect(wrapper.emitted('recorded')).toBeUndefined();
  });
});

describe('HiringCard', () => {
  const hiring = { outcome: 'hired' as const, outcomeAt: '2026-12-03T02:00:00.000Z', outcomeByName: '李静', onboardingDate: '2026-12-15', hrStatus: 'pre_entry' as const, lastWorkDay: null, leftReason: null };

  it('shows 已录用, the onboarding date and the 智能人事 status', () => {
    const wrapper = mount(HiringCard, { props: { hiring, canRecord: false } });
    expect(wrapper.get('[data-testid="hiring-outcome"]').text()).toBe('已录用');
    expect(wrapper.get('[data-testid="hiring-onboarding-date"]').text()).toBe('2026-12-15');
    expect(wrapper.get('[data-testid="hiring-hr-status"]').text()).toBe('待入职已创建');
    expect(wrapper.find('[data-testid="open-outcome"]').exists()).toBe(false);
  });

  it('shows 已离职 with the last working day', () => {
    const wrapper = mount(HiringCard, { props: { hiring: { ...hiring, hrStatus: 'left', lastWorkDay: '2027-02-01', leftReason: 'voluntary' }, canRecord: false } });
    expect(wrapper.get('[data-testid="hiring-hr-status"]').text()).toBe('已离职（最后工作日 2027-02-01，主动离职）');
  });

  it('offers HR to record the result of a 复试 candidate', async () => {
    const wrapper = mount(HiringCard, { props: { hiring: null, canRecord: true } });
    await wrapper.get('[data-testid="open-outcome"]').trigger('click');
    expect(wrapper.emitted('record')).toHaveLength(1);
  });
});
