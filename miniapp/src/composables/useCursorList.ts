import type { Page } from '@aireview/shared';
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';

export interface CursorList<T> {
  items: ShallowRef<T[]>;
  /** A page request is in flight (bind to Vant List's v-model:loading). */
  loading: Ref<boolean>;
  /** The server said there is no next page. */
  finished: Ref<boolean>;
  /** The last page request's failure, cleared by the next attempt. */
  error: Ref<unknown>;
  /** At least one page has arrived since the last reset. */
  loaded: Ref<boolean>;
  loadMore(): Promise<void>;
  /** Drops everything (e.g. filters changed) and loads the first page again. */
  reload(): Promise<void>;
}

/**
 * Keyset ("cursor") pagination: each page returns `nextCursor`, passed back for the next one; null ends
 * the list. Concurrent `loadMore` calls share one request, and answers that arrive after a reset are
 * dropped so a slow old query never mixes into new results.
 */
export function useCursorList<T>(fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>): CursorList<T> {
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const finished = ref(false);
  const error = ref<unknown>(null);
  const loaded = ref(false);

  let cursor: string | null = null;
  let generation = 0;
  let inFlight: Promise<void> | null = null;
  let controller: AbortController | null = null;

  function loadMore(): Promise<void> {
    if (inFlight) return inFlight;
    if (finished.value) {
      loading.value = false;
      return Promise.resolve();
    }
    const current = generation;
    controller = new AbortController();
    const { signal } = controller;
    loading.value = true;
    error.value = null;
    inFlight = (async () => {
      try {
        const page = await fetchPage(cursor, signal);
        if (current !== generation) return;
        items.value = [...items.value, ...page.items];
        cursor = page.nextCursor;
        finished.value = page.nextCursor === null;
        loaded.value = true;
      } catch (failure) {
        if (current !== generation) return;
        error.value = failure;
      } finally {
        if (current === generation) {
          loading.value = false;
          inFlight = null;
        }
      }
    })();
    return inFlight;
  }

  function reset(): void {
    generation++;
    controller?.abort();
    controller = null;
    inFlight = null;
    cursor = null;
    items.value = [];
    finished.value = false;
    error.value = null;
    loaded.value = false;
    loading.value = false;
  }

  function reload(): Promise<void> {
    reset();
    return loadMore();
  }

  return { items, loading, finished, error, loaded, loadMore, reload };
}
