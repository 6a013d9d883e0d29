import type { Router } from 'vue-router';
import { onUnauthenticated } from '../api/http';
import { usePageTitle } from '../composables/usePageTitle';
import { usePendingCount } from '../composables/usePendingCount';
import type { useSessionStore } from '../stores/session';
import { safeRedirect } from './redirect';

type SessionStore = ReturnType<typeof useSessionStore>;

/**
 * Every page except login needs a session. The first navigation resumes one (cookie or stored token);
 * without it the login page takes over and comes back to the requested page. A 401 from any later
 * request does the same.
 */
export function installSessionGuards(router: Router, session: SessionStore, sandboxUserHint: string | null): void {
  router.beforeEach(async (to) => {
    if (!session.restored) {
      try {
        await session.restore(sandboxUserHint);
      } catch (error) {
        // The login page retries and shows what went wrong.
        console.warn('session restore failed', error);
      }
    }
    if (to.meta.public) {
      if (to.name === 'login' && session.isAuthenticated) return safeRedirect(to.query.redirect);
      return true;
    }
    if (!session.isAuthenticated) return { name: 'login', query: { redirect: to.fullPath } };
    return true;
  });

  const { setPageTitle } = usePageTitle();
  router.afterEach((to) => {
    setPageTitle(to.meta.title ?? 'AI面试审核');
  });

  const pending = usePendingCount();
  onUnauthenticated(() => {
    session.forget();
    pending.clear();
    const current = router.currentRoute.value;
    if (current.name !== 'login') void router.replace({ name: 'login', query: { redirect: current.fullPath } });
  });
}
