import type { Page } from '@aireview/shared';
import { describe, expect, it, vi } from 'vitest';
import { useCursorList } from './useCursorList';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useCursorList', () => {
  it('passes each nextCursor back and stops when it is null', async () => {
    const pages: Record<string, Page<number>> = { first: { items: [1, 2], nextCursor: 'c2' }, c2: { items: [3], nextCursor: null } };
    const fetchPage = vi.fn(async (cursor: string | null) => pages[cursor ?? 'first']!);
    const list = useCursorList(fetchPage);

    await list.loadMore();
    expect(list.items.value).toEqual([1, 2]);
    expect(list.finished.value).toBe(false);
    await list.loadMore();
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([null, 'c2']);
    expect(list.items.value).toEqual([1, 2, 3]);
    expect(list.finished.value).toBe(true);

    await list.loadMore();
    expect(fetchPage).toHaveBeenCalledTimes(2);
    expect(list.loading.value).toBe(false);
  });

  it('shares one request between concurrent loadMore calls', async () => {
    const page = deferred<Page<number>>();
    const fetchPage = vi.fn(() => page.promise);
    const list = useCursorList(fetchPage);
    const a = list.loadMore();
    const b = list.loadMore();
    page.resolve({ items: [1], nextCursor: null });
    await Promise.all([a, b]);
    expect(fetchPage).toHaveBeenCalledOnce();
    expect(list.items.value).toEqual([1]);
  });

  it('drops an answer that arrives after a reload (filters changed meanwhile)', async () => {
    const stale = deferred<Page<string>>();
    const fetchPage = vi.fn().mockReturnValueOnce(stale.promise).mockResolvedValueOnce({ items: ['new'], nextCursor: null });
    const list = useCursorList<string>(fetchPage);
    const first = list.loadMore();
    await list.reload();
    stale.resolve({ items: ['old'], nextCursor: 'x' });
    await first;
    expect(list.items.value).toEqual(['new']);
    expect(list.finished.value).toBe(true);
    expect((fetchPage.mock.calls[0]![1] as AbortSignal).aborted).toBe(true);
  });

  it('keeps the cursor after a failure so a retry asks for the same page', async () => {
    const fetchPage = vi
      .fn()
      .mockResolvedValueOnce({ items: [1], nextCursor: 'c2' })
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce({ items: [2], nextCursor: null });
    const list = useCursorList<number>(fetchPage);
    await list.loadMore();
    await list.loadMore();
    expect(list.error.value).toBeInstanceOf(Error);
    expect(list.loading.value).toBe(false);
    await list.loadMore();
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([null, 'c2', 'c2']);
    expect(list.items.value).toEqual([1, 2]);
    expect(list.error.value).toBeNull();
  });
});
