import type { ClientConfig, SessionInfo, SessionUser } from '@aireview/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { createSession, deleteSession, getClientConfig, getMe } from '../api/auth';
import { isApiError } from '../api/http';
import { requestAuthCode } from '../platform';

/** Who is signed in. The only Pinia store: everything else is page state. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const expiresAt = ref<string | null>(null);
  /** The user's departments by name, as the server knows them. */
  const departments = ref<{ id: number; name: string }[]>([]);
  const clientConfig = ref<ClientConfig | null>(null);
  /** True once the page load's session probe has answered (either way). */
  const restored = ref(false);

  const isAuthenticated = computed(() => user.value !== null);
  /** HR and admin maintain personas; the server enforces it, the UI only hides the controls. */
  const canEditPersonas = computed(() => user.value?.role === 'hr' || user.value?.role === 'admin');

  function apply(info: SessionInfo): void {
    user.value = info.user;
    expiresAt.value = info.expiresAt;
    departments.value = info.departments ?? [];
    restored.value = true;
  }

  function forget(): void {
    user.value = null;
    expiresAt.value = null;
    departments.value = [];
  }

  async function loadClientConfig(): Promise<ClientConfig> {
    clientConfig.value ??= await getClientConfig();
    return clientConfig.value;
  }

  /**
   * Resumes the session from the httpOnly cookie. A sandbox link naming a different user than
   * the resumed session wins: the session is dropped so the login page signs in as that user.
   */
  async function restore(sandboxUserHint: string | null): Promise<void> {
    if (restored.value) return;
    try {
      const info = await getMe();
      if (sandboxUserHint && info.user.userId !== sandboxUserHint) forget();
      else {
        user.value = info.user;
        expiresAt.value = info.expiresAt;
        departments.value = info.departments ?? [];
      }
    } catch (error) {
      if (!isApiError(error, 'unauthenticated')) throw error;
      forget();
    } finally {
      restored.value = true;
    }
  }

  /** Gets an auth code from the platform (DingTalk, or the sandbox for `sandboxUserId`) and signs in. */
  async function login(sandboxUserId?: string): Promise<SessionUser> {
    const config = await loadClientConfig();
    const code = await requestAuthCode(config, sandboxUserId);
    const info = await createSession(code);
    apply(info);
    return info.user;
  }

  async function logout(): Promise<void> {
    try {
      await deleteSession();
    } finally {
      forget();
    }
  }

  return { user, expiresAt, departments, clientConfig, restored, isAuthenticated, canEditPersonas, loadClientConfig, restore, login, logout, forget };
});
