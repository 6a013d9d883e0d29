import type { ClientConfig } from '@aireview/shared';
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import LoginPage from './LoginPage.vue';

const api = vi.hoisted(() => ({
  getClientConfig: vi.fn(),
  createSession: vi.fn(),
  getMe: vi.fn(),
  deleteSession: vi.fn(),
  createSandboxCode: vi.fn(),
}));
vi.mock('../../api/auth', () => api);

const platform = vi.hoisted(() => ({
  detectEnvironment: vi.fn(),
  readSandboxUserHint: vi.fn(),
  requestAuthCode: vi.fn(),
}));
vi.mock('../../platform', () => platform);

const config: ClientConfig = {
  corpId: 'ding-corp',
  clientId: 'ding-client',
  agentId: '1',
  sandbox: {
    users: [
      { userId: 'sup_general', name: '王主管', title: '客服主管', role: 'supervisor' },
      { userId: 'hr_li', name: '李招聘', title: 'HRBP', role: 'hr' },
    ],
  },
};

const Stub = defineComponent({ render: () => null });

async function mountLogin(path: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginPage },
      { path: '/pending', component: Stub },
      { path: '/applications/:id', component: Stub },
    ],
  });
  await router.push(path);
  const wrapper = mount(LoginPage, { global: { plugins: [router] } });
  await flushPromises();
  return { wrapper, router };
}

beforeEach(() => {
  setActivePinia(createPinia());
  vi.resetAllMocks();
  api.getClientConfig.mockResolvedValue(config);
  api.createSession.mockImplementation(async (code: string) => ({
    user: { userId: code.replace('code-', ''), name: 'x', role: 'supervisor', departmentIds: [] },
    token: 'tok',
    expiresAt: '2030-01-01T00:00:00Z',
  }));
  platform.requestAuthCode.mockImplementation(async (_config: ClientConfig, userId?: string) => `code-${userId ?? 'dd'}`);
  platform.readSandboxUserHint.mockReturnValue(null);
});

describe('LoginPage', () => {
  it('offers the demo users in sandbox mode and signs in as the one picked', async () => {
    platform.detectEnvironment.mockResolvedValue('browser');
    const { wrapper, router } = await mountLogin('/login?redirect=/applications/42');
    expect(wrapper.findAll('[data-testid="sandbox-user"]')).toHaveLength(2);

    await wrapper.get('[data-testid="sandbox-user"][data-user-id="hr_li"]').trigger('click');
    await flushPromises();

    expect(platform.requestAuthCode).toHaveBeenCalledWith(config, 'hr_li');
    expect(api.createSession).toHaveBeenCalledWith('code-hr_li');
    expect(router.currentRoute.value.fullPath).toBe('/applications/42');
  });

  it('signs in straight away as ?sandboxUser=', async () => {
    platform.detectEnvironment.mockResolvedValue('browser');
    platform.readSandboxUserHint.mockReturnValue('sup_general');
    const { router } = await mountLogin('/login?redirect=/applications/7');
    expect(api.createSession).toHaveBeenCalledWith('code-sup_general');
    expect(router.currentRoute.value.fullPath).toBe('/applications/7');
  });

  it('signs in through DingTalk without asking when inside DingTalk', async () => {
    platform.detectEnvironment.mockResolvedValue('dingtalk');
    const { router } = await mountLogin('/login');
    expect(platform.requestAuthCode).toHaveBeenCalledWith(config, undefined);
    expect(router.currentRoute.value.fullPath).toBe('/pending');
  });

  it('asks to open the app in DingTalk when there is no sandbox', async () => {
    platform.detectEnvironment.mockResolvedValue('browser');
    api.getClientConfig.mockResolvedValue({ ...config, sandbox: null });
    const { wrapper } = await mountLogin('/login');
    expect(wrapper.get('[data-testid="open-in-dingtalk"]').text()).toContain('请在钉钉中打开');
    expect(platform.requestAuthCode).not.toHaveBeenCalled();
  });

  it('does not sign back in by itself after logging out', async () => {
    platform.detectEnvironment.mockResolvedValue('browser');
    platform.readSandboxUserHint.mockReturnValue('sup_general');
    const { wrapper } = await mountLogin('/login?loggedOut=1');
    expect(api.createSession).not.toHaveBeenCalled();
    expect(wrapper.find('[data-testid="sandbox-picker"]').exists()).toBe(true);
  });
});
