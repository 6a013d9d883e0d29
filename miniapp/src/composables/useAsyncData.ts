import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';

export interface AsyncData<T> {
  data: ShallowRef<T | null>;
  error: Ref<unknown>;
  loading: Ref<boolean>;
  /** Loads again; an older request still in flight is ignored when it lands. */
  reload(): Promise<void>;
}

/** One request behind a page: loading, error and data, with retry. */
export function useAsyncData<T>(loader: () => Promise<T>, options: { immediate?: boolean } = {}): AsyncData<T> {
  const data = shallowRef<T | null>(null);
  const error = ref<unknown>(null);
  const loading = ref(false);
  let generation = 0;

  async function reload(): Promise<void> {
    const current = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await loader();
      if (current === generation) data.value = value;
    } catch (failure) {
      if (current === generation) error.value = failure;
    } finally {
      if (current === generation) loading.value = false;
    }
  }

  if (options.immediate !== false) void reload();
  return { data, error, loading, reload };
}
