import type { ClientConfig, SessionInfo } from '@aireview/shared';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/http';
import { resolveLoginMode } from './loginMode';
import { useSessionStore } from './session';

const api = vi.hoisted(() => ({
  getClientConfig: vi.fn(),
  createSession: vi.fn(),
  getMe: vi.fn(),
  deleteSession: vi.fn(),
  createSandboxCode: vi.fn(),
}));
vi.mock('../api/auth', () => api);

const platform = vi.hoisted(() => ({ requestAuthCode: vi.fn() }));
vi.mock('../platform', () => platform);

const sandboxConfig: ClientConfig = {
  corpId: 'ding-corp',
  clientId: 'ding-client',
  agentId: '1',
  sandbox: { users: [{ userId: 'sup_general', name: '王主管', title: '客服主管', role: 'supervisor' }] },
};

const session = (userId: string): SessionInfo => ({
  user: { userId, name: userId, role: 'supervisor', departmentIds: [1] },
  expiresAt: '2030-01-01T00:00:00Z',
});

beforeEach(() => {
  setActivePinia(createPinia());
  vi.resetAllMocks();
  sessionStorage.clear();
});

describe('resolveLoginMode', () => {
  it('uses DingTalk inside DingTalk, even when the server is in sandbox mode', () => {
    expect(resolveLoginMode('dingtalk', sandboxConfig, 'sup_general')).toEqual({ kind: 'dingtalk' });
  });

  it('offers the picker in a browser in sandbox mode, signing straight in for ?sandboxUser=', () => {
    expect(resolveLoginMode('browser', sandboxConfig, null)).toMatchObject({ kind: 'sandbox', autoUserId: null });
    expect(resolveLoginMode('browser', sandboxConfig, 'sup_general')).toMatchObject({ kind: 'sandbox', autoUserId: 'sup_general' });
  });

  it('cannot sign anyone in from a plain browser without the sandbox', () => {
    expect(resolveLoginMode('browser', { ...sandboxConfig, sandbox: null }, 'sup_general')).toEqual({ kind: 'unsupported' });
  });
});

describe('session store', () => {
  it('signs in with the platform auth code; nothing is kept in sessionStorage (the cookie is the session)', async () => {
    api.getClientConfig.mockResolvedValue(sandboxConfig);
    platform.requestAuthCode.mockResolvedValue('code-1');
    api.createSession.mockResolvedValue(session('sup_general'));
    const store = useSessionStore();

    await store.login('sup_general');

    expect(platform.requestAuthCode).toHaveBeenCalledWith(sandboxConfig, 'sup_general');
    expect(api.createSession).toHaveBeenCalledWith('code-1');
    expect(store.user?.userId).toBe('sup_general');
    expect(sessionStorage.length).toBe(0);
  });

  it('resumes an existing session, with its department names', async () => {
    api.getMe.mockResolvedValue({ ...session('hr_li'), departments: [{ id: 1, name: '人力资源部' }] });
    const store = useSessionStore();
    await store.restore(null);
    expect(store.isAuthenticated).toBe(true);
    expect(store.restored).toBe(true);
    expect(store.departments).toEqual([{ id: 1, name: '人力资源部' }]);
    store.forget();
    expect(store.departments).toEqual([]);
  });

  it('drops a resumed session when the sandbox link names someone else', async () => {
    api.getMe.mockResolvedValue(session('hr_li'));
    const store = useSessionStore();
    await store.restore('sup_general');
    expect(store.isAuthenticated).toBe(false);
  });

  it('treats unauthenticated as signed out, and other failures as failures', async () => {
    api.getMe.mockRejectedValueOnce(new ApiError(401, 'unauthenticated', '请登录'));
    const store = useSessionStore();
    await store.restore(null);
    expect(store.isAuthenticated).toBe(false);

    setActivePinia(createPinia());
    api.getMe.mockRejectedValueOnce(new ApiError(0, 'network_error', 'offline'));
    await expect(useSessionStore().restore(null)).rejects.toMatchObject({ code: 'network_error' });
  });

  it('forgets the session locally even when the logout request fails', async () => {
    api.getClientConfig.mockResolvedValue(sandboxConfig);
    platform.requestAuthCode.mockResolvedValue('code-1');
    api.createSession.mockResolvedValue(session('sup_general'));
    api.deleteSession.mockRejectedValue(new ApiError(0, 'network_error', 'offline'));
    const store = useSessionStore();
    await store.login('sup_general');

    await expect(store.logout()).rejects.toMatchObject({ code: 'network_error' });
    expect(store.user).toBeNull();
  });
});
