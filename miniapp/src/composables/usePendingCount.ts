import { ref } from 'vue';
import { listPendingReviews } from '../api/reviews';

/** The tab bar's 待审核 badge. Module state: the pending page and the shell share one number. */
const count = ref<number | null>(null);

export function usePendingCount() {
  function set(value: number): void {
    count.value = value;
  }

  async function refresh(): Promise<void> {
    try {
      count.value = (await listPendingReviews()).count;
    } catch (error) {
      // The badge is a hint; the pending page shows the real error when opened.
      console.warn('pending count refresh failed', error);
    }
  }

  function clear(): void {
    count.value = null;
  }

  return { count, set, refresh, clear };
}
