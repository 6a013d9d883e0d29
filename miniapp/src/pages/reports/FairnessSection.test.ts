import type { FairnessReport } from '@aireview/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { ApiError } from '../../api/http';
import FairnessSection from './FairnessSection.vue';

const api = vi.hoisted(() => ({ getReportFairness: vi.fn() }));
vi.mock('../../api/reports', () => api);

const report: FairnessReport = {
  n: 80,
  withDemographics: 64,
  minCell: 5,
  comparisons: [
    {
      attribute: 'gender',
      rate: 'ai_recommended',
      groups: [
        { group: 'female', label: '女性', n: 40, selected: 10, rate: 0.25, suppressed: false },
        { group: 'male', label: '男性', n: 40, selected: 30, rate: 0.75, suppressed: false },
      ],
      ratio: 1 / 3,
      pValue: 0.00001,
      lowest: 'female',
      highest: 'male',
      flagged: true,
    },
    {
      attribute: 'age',
      rate: 'second_interview',
      groups: [
        { group: 'under25', label: '25 岁以下', n: 20, selected: 8, rate: 0.4, suppressed: false },
        { group: '35plus', label: '35 岁及以上', n: null, selected: null, rate: null, suppressed: true },
      ],
      ratio: null,
      pValue: null,
      lowest: null,
      highest: null,
      flagged: false,
    },
  ],
};

beforeEach(() => api.getReportFairness.mockReset());

describe('FairnessSection', () => {
  it('shows each comparison with n, rates, the impact ratio and Fisher p, flags adverse impact and hides small cells', async () => {
    api.getReportFairness.mockResolvedValue(report);
    const wrapper = mount(FairnessSection, { props: { query: { positionCode: 'CS-GENERAL' } } });
    await flushPromises();
    expect(api.getReportFairness).toHaveBeenCalledWith({ positionCode: 'CS-GENERAL' }, expect.any(AbortSignal));
    expect(wrapper.get('[data-testid="fairness-coverage"]').text()).toBe('64/80 人授权提供性别或年龄');
    const [gender, age] = wrapper.findAll('[data-testid="fairness-comparison"]');
    expect(gender!.text()).toContain('性别 · AI 推荐率');
    expect(gender!.attributes('data-flagged')).toBe('true');
    expect(gender!.find('[data-testid="fairness-flag"]').exists()).toBe(true);
    expect(gender!.get('[data-group="female"]').text()).toContain('40');
    expect(gender!.get('[data-group="female"]').text()).toContain('25');
    expect(gender!.get('[data-testid="fairness-stats"]').text()).toContain('影响比 0.33');
    expect(gender!.get('[data-testid="fairness-stats"]').text()).toContain('p = < 0.001');
    expect(age!.find('[data-testid="fairness-flag"]').exists()).toBe(false);
    expect(age!.get('[data-group="35plus"]').text()).toBe('35 岁及以上不足 5 人，不显示');
    expect(age!.get('[data-testid="fairness-stats"]').text()).toContain('影响比 —');
  });

  it('says so when no candidate consented to demographics, and reloads when the filters change', async () => {
    api.getReportFairness.mockResolvedValue({ n: 12, withDemographics: 0, minCell: 5, comparisons: [] });
    const wrapper = mount(FairnessSection, { props: { query: {} } });
    await flushPromises();
    expect(wrapper.get('[data-testid="fairness-empty"]').text()).toContain('暂无授权的人口统计信息');
    await wrapper.setProps({ query: { batch: '1120-A' } });
    await nextTick();
    await flushPromises();
    expect(api.getReportFairness).toHaveBeenLastCalledWith({ batch: '1120-A' }, expect.any(AbortSignal));
  });

  it('shows a refused or failed load with a retry', async () => {
    api.getReportFairness.mockRejectedValueOnce(new ApiError(0, 'network_error', '网络错误')).mockResolvedValueOnce(report);
    const wrapper = mount(FairnessSection, { props: { query: {} } });
    await flushPromises();
    expect(wrapper.find('[data-testid="fairness-error"]').exists()).toBe(true);
    await wrapper.get('[data-testid="fairness-error"] button').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="fairness-error"]').exists()).toBe(false);
    expect(wrapper.findAll('[data-testid="fairness-comparison"]')).toHaveLength(2);
  });
});
