import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import OutboxPage from './OutboxPage.vue';

const api = vi.hoisted(() => ({ listFailedDeliveries: vi.fn(), retryDelivery: vi.fn() }));
vi.mock('../../api/admin', () => api);

const failed = {
  id: 'o-1',
  kind: 'vendor.supplementary',
  status: 'failed' as const,
  payload: { requestId: 'r-1' },
  attempts: 8,
  lastError: 'PermanentDeliveryError: VENDOR_WEBHOOK_URL is not configured\n  at x',
  nextAttemptAt: '2026-11-25T08:00:00.000Z',
  createdAt: '2026-11-25T08:00:00.000Z',
  deliveredAt: null,
};

beforeEach(() => vi.resetAllMocks());

/** StateView's 返回 needs the router. */
function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: OutboxPage }] });
  return mount(OutboxPage, { global: { plugins: [router] } });
}

describe('OutboxPage', () => {
  it('lists failed deliveries with what they do and why they failed, and retries one', async () => {
    api.listFailedDeliveries
      .mockResolvedValueOnce({ counts: { pending: 0, delivered: 12, failed: 1 }, items: [failed] })
      .mockResolvedValueOnce({ counts: { pending: 1, delivered: 12, failed: 0 }, items: [] });
    api.retryDelivery.mockResolvedValue({ ...failed, status: 'pending', attempts: 0 });
    const wrapper = mountPage();
    await flushPromises();
    expect(wrapper.get('[data-testid="outbox-counts"]').text()).toContain('失败 1');
    const item = wrapper.get('[data-testid="outbox-item"]');
    expect(item.text()).toContain('向 AI 厂商发送补充测试请求');
    expect(item.get('[data-testid="outbox-error"]').text()).toBe('PermanentDeliveryError: VENDOR_WEBHOOK_URL is not configured');

    await item.get('[data-testid="outbox-retry"]').trigger('click');
    await flushPromises();
    expect(api.retryDelivery).toHaveBeenCalledWith('o-1');
    expect(wrapper.find('[data-testid="outbox-item"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="state-empty"]').text()).toContain('没有发送失败的消息');
  });

  it('shows the server error with a retry when the list cannot be loaded', async () => {
    api.listFailedDeliveries.mockRejectedValue(Object.assign(new Error('只有管理员可以查看'), { code: 'forbidden', status: 403 }));
    const wrapper = mountPage();
    await flushPromises();
    expect(wrapper.find('[data-testid="state-error"]').exists()).toBe(true);
    expect(api.retryDelivery).not.toHaveBeenCalled();
  });
});
