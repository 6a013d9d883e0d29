import type { OwnTrainingAssignment } from '@aireview/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { useSessionStore } from '../../stores/session';
import MePage from './MePage.vue';

const api = vi.hoisted(() => ({ listOwnTrainingAssignments: vi.fn() }));
vi.mock('../../api/training', () => api);

const course: OwnTrainingAssignment = {
  id: 'a-1',
  ruleId: 'service-skills',
  kind: 'course',
  title: '客户服务技巧',
  status: 'assigned',
  dueAt: '2026-12-14T16:00:00.000Z',
  dueDays: 0,
  mandatory: true,
  trigger: { dimension: 'serviceAwareness', score: 65 },
  firedAt: 'hired',
  relativeTo: 'onboarding',
  createdAt: '2026-12-03T02:00:00.000Z',
  positionName: '综合电商客服',
};

beforeEach(() => api.listOwnTrainingAssignments.mockReset());

async function mountPage() {
  const pinia = createPinia();
  useSessionStore(pinia).user = { userId: 'emp01', name: '王芳', role: 'staff', departmentIds: [1] };
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', name: 'me', component: MePage }, { path: '/reports', name: 'reports', component: MePage }, { path: '/imports', name: 'performance-import', component: MePage }, { path: '/outbox', name: 'outbox', component: MePage }] });
  const wrapper = mount(MePage, { global: { plugins: [router, pinia] } });
  await flushPromises();
  return wrapper;
}

describe('MePage 我的培训', () => {
  it('lists the user’s own assignments with status and deadline', async () => {
    api.listOwnTrainingAssignments.mockResolvedValue([course]);
    const wrapper = await mountPage();
    const item = wrapper.get('[data-testid="my-training"] [data-testid="my-training-item"]');
    expect(item.text()).toContain('客户服务技巧');
    expect(item.get('[data-testid="training-status"]').text()).toBe('待完成');
    expect(item.text()).toContain('综合电商客服 · 必修 · 2026-12-15 前完成');
  });

  it('shows nothing for a user without any', async () => {
    api.listOwnTrainingAssignments.mockResolvedValue([]);
    const wrapper = await mountPage();
    expect(wrapper.find('[data-testid="my-training"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="my-training-error"]').exists()).toBe(false);
  });
});
