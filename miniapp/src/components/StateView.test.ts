import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { ApiError } from '../api/http';
import StateView from './StateView.vue';

async function mountError(error: unknown) {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: { render: () => null } }] });
  await router.push('/applications/42');
  const wrapper = mount(StateView, { props: { error, errorMessages: { not_found: '候选人不存在或无权查看' } }, global: { plugins: [router] } });
  return { wrapper, router };
}

describe('StateView', () => {
  it('offers a retry for an error that may pass', async () => {
    const { wrapper } = await mountError(new ApiError(0, 'network_error', 'fetch failed'));
    expect(wrapper.get('[data-testid="state-error"]').text()).toContain('网络连接失败');
    await wrapper.get('[data-testid="retry-button"]').trigger('click');
    expect(wrapper.emitted('retry')).toHaveLength(1);
    expect(wrapper.find('[data-testid="back-button"]').exists()).toBe(false);
  });

  it.each([
    ['not_found', 404],
    ['forbidden', 403],
  ] as const)('offers the way back, not a retry, for %s', async (code, status) => {
    const { wrapper, router } = await mountError(new ApiError(status, code, '无权查看'));
    expect(wrapper.find('[data-testid="retry-button"]').exists()).toBe(false);
    // Opened straight from a link: nothing to go back to, so back means the pending list.
    await wrapper.get('[data-testid="back-button"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.path).toBe('/pending');
    expect(wrapper.emitted('retry')).toBeUndefined();
  });
});
