import type { ReportAlert, ReportSummary } from '@aireview/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '../../api/http';
import ReportsPage from './ReportsPage.vue';

const api = vi.hoisted(() => ({ getReportSummary: vi.fn(), listReportAlerts: vi.fn(), downloadReportExport: vi.fn() }));
vi.mock('../../api/reports', () => api);
vi.mock('../../api/positions', () => ({ listPositions: vi.fn().mockResolvedValue([{ code: 'CS-GENERAL', name: '综合电商客服' }]) }));
vi.mock('../../api/applications', () => ({ listSources: vi.fn().mockResolvedValue([]) }));
// No canvas in happy-dom: the chart is a placeholder that says which option it got.
vi.mock('./ReportChart.vue', () => ({
  __esModule: true,
  default: defineComponent({ props: { option: { type: Object, required: true }, label: String }, setup: (props) => () => h('div', { 'data-testid': 'chart-stub', 'aria-label': props.label }) }),
}));

const none = { count: 0, of: 0, rate: null, ci95: null };
const bins = (counts: number[]) => counts.map((count, i) => ({ from: i * 10, to: (i + 1) * 10, count }));

const summary: ReportSummary = {
  n: 12,
  overall: { n: 12, mean: 74.2, median: 75, histogram: bins([0, 0, 0, 0, 0, 1, 2, 5, 3, 1]) },
  dimensions: [{ dimension: 'serviceAwareness', n: 12, mean: 66, median: 65, histogram: bins([0, 0, 0, 0, 1, 4, 4, 2, 1, 0]) }],
  funnel: [
    { stage: 'in_review', count: 10 },
    { stage: 'second_interview', count: 2 },
  ],
  conversion: { reviewedToSecondInterview: { count: 2, of: 4, rate: 0.5, ci95: [0.15, 0.85] }, secondInterviewToHired: none, hiredToRetained90d: none },
  cycleTime: { n: 4, medianHours: 6.5, p90Hours: 20.1 },
  supervisors: [{ userId: 'sup_general', name: '张伟', decisions: 4, agreementRate: 0.75, medianHours: 6.5 }],
  sources: [{ source: 'BOSS直聘', n: 12, meanOverall: 74.2, secondInterviewRate: 0.1667 }],
};

const alert: ReportAlert = {
  key: 'batch_below_threshold:CS-GENERAL:B-LOW:serviceAwareness',
  kind: 'batch_below_threshold',
  positionCode: 'CS-GENERAL',
  batch: 'B-LOW',
  dimension: 'serviceAwareness',
  n: 30,
  share: 0.8,
  message: '批次 B-LOW 的服务意识有 80% 低于 70 分',
  candidates: { positionCode: 'CS-GENERAL', batch: 'B-LOW' },
};

beforeEach(() => {
  api.getReportSummary.mockReset();
  api.listReportAlerts.mockReset();
});

async function mountPage(path = '/reports') {
  const empty = defineComponent({ render: () => h('div') });
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/reports', name: 'reports', component: ReportsPage },
      { path: '/candidates', name: 'candidates', component: empty },
    ],
  });
  await router.push(path);
  const wrapper = mount(ReportsPage, { global: { plugins: [router, createPinia()] } });
  await flushPromises();
  return { wrapper, router };
}

describe('ReportsPage', () => {
  it('shows n, the alerts, a histogram per distribution and the conversion rates with 样本不足', async () => {
    api.getReportSummary.mockResolvedValue(summary);
    api.listReportAlerts.mockResolvedValue([alert]);
    const { wrapper } = await mountPage('/reports?position=CS-GENERAL&batch=B-7');
    expect(api.getReportSummary).toHaveBeenCalledWith({ positionCode: 'CS-GENERAL', batch: 'B-7' }, expect.any(AbortSignal));
    expect(api.listReportAlerts).toHaveBeenCalledWith({ positionCode: 'CS-GENERAL' }, expect.any(AbortSignal));
    expect(wrapper.get('[data-testid="report-n"]').text()).toBe('12');
    expect(wrapper.get('[data-testid="alert-item"]').text()).toContain('批次低分');
    expect(wrapper.get('[data-testid="alert-item"]').text()).toContain(alert.message);
    expect(wrapper.findAll('[data-testid="histogram"]').map((s) => s.attributes('data-dimension'))).toEqual(['overall', 'serviceAwareness']);
    const rates = wrapper.findAll('[data-testid="conversion-row"]').map((r) => r.get('[data-testid="conversion-rate"]').text());
    expect(rates).toEqual(['50%', '样本不足', '样本不足']);
    expect(wrapper.get('[data-testid="supervisor-row"]').text()).toContain('张伟');
  });

  it('switches a histogram to its table of bin counts', async () => {
    api.getReportSummary.mockResolvedValue(summary);
    api.listReportAlerts.mockResolvedValue([]);
    const { wrapper } = await mountPage();
    const overall = wrapper.get('[data-testid="histogram"][data-dimension="overall"]');
    await overall.get('[data-testid="view-table"]').trigger('click');
    expect(overall.findAll('[data-testid="histogram-count"]').map((c) => Number(c.text()))).toEqual([0, 0, 0, 0, 0, 1, 2, 5, 3, 1]);
    expect(wrapper.get('[data-testid="alerts-empty"]').text()).toBe('暂无预警');
  });

  it('opens the candidate list of the alert’s position and batch', async () => {
    api.getReportSummary.mockResolvedValue(summary);
    api.listReportAlerts.mockResolvedValue([alert]);
    const { wrapper, router } = await mountPage();
    await wrapper.get('[data-testid="alert-item"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.name).toBe('candidates');
    expect(router.currentRoute.value.query).toEqual({ position: 'CS-GENERAL', batch: 'B-LOW' });
  });

  it('says 暂无数据 with a hint to widen the filters when nothing matches', async () => {
    api.getReportSummary.mockResolvedValue({ ...summary, n: 0, overall: { n: 0, mean: null, median: null, histogram: bins(Array(10).fill(0)) }, dimensions: [] });
    api.listReportAlerts.mockResolvedValue([]);
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('暂无数据');
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('放宽');
    expect(wrapper.find('[data-testid="histogram"]').exists()).toBe(false);
  });

  it('shows the refusal without a retry when the viewer may not see reports', async () => {
    api.getReportSummary.mockRejectedValue(new ApiError(403, 'forbidden', 'forbidden'));
    api.listReportAlerts.mockRejectedValue(new ApiError(403, 'forbidden', 'forbidden'));
    const { wrapper } = await mountPage();
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('只有 HR、管理员和主管可以查看数据看板');
    expect(wrapper.find('[data-testid="retry-button"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="report-alerts"]').exists()).toBe(false);
  });

  it('reloads when the filters in the URL change', async () => {
    api.getReportSummary.mockResolvedValue(summary);
    api.listReportAlerts.mockResolvedValue([]);
    const { router } = await mountPage();
    await router.replace({ name: 'reports', query: { source: '内推' } });
    await flushPromises();
    expect(api.getReportSummary).toHaveBeenLastCalledWith({ source: '内推' }, expect.any(AbortSignal));
    // Alerts do not depend on the source: not asked again.
    expect(api.listReportAlerts).toHaveBeenCalledTimes(1);
  });
});
