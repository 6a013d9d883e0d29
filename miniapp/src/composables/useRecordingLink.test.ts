import type { RecordingLink } from '@aireview/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LINK_REFRESH_MARGIN_MS } from '../api/recordings';
import { useRecordingLink } from './useRecordingLink';

const START = Date.parse('2026-11-21T02:00:00Z');

describe('useRecordingLink', () => {
  let issued = 0;
  const fetchLink = vi.fn(async (id: string): Promise<RecordingLink> => {
    issued += 1;
    return { url: `/api/v1/recordings/${id}?u=u1&exp=${issued}&sig=s`, expiresAt: new Date(Date.now() + 300_000).toISOString() };
  });

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    issued = 0;
    fetchLink.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('loads a link once per recording while it is fresh, and a new one when it is not', async () => {
    const link = useRecordingLink({ fetchLink, mayRefresh: () => false });
    const [first, again] = await Promise.all([link.load('s1'), link.load('s1')]);
    expect([first, again]).toEqual([true, true]);
    expect(fetchLink).toHaveBeenCalledTimes(1);
    expect(link.url.value).toBe('/api/v1/recordings/s1?u=u1&exp=1&sig=s');
    expect(link.isFresh('s1')).toBe(true);
    expect(link.isFresh('s2')).toBe(false);

    vi.setSystemTime(START + 300_000 - LINK_REFRESH_MARGIN_MS);
    expect(link.isFresh('s1')).toBe(false);
    expect(await link.load('s1')).toBe(true);
    expect(link.url.value).toBe('/api/v1/recordings/s1?u=u1&exp=2&sig=s');
  });

  it('renews a link before it expires when allowed, and keeps it while not (a playing element)', async () => {
    let mayRefresh = false;
    const link = useRecordingLink({ fetchLink, mayRefresh: () => mayRefresh });
    await link.load('s1');
    await vi.advanceTimersByTimeAsync(300_000 - LINK_REFRESH_MARGIN_MS);
    expect(fetchLink).toHaveBeenCalledTimes(1);

    mayRefresh = true;
    await link.load('s1', { force: true });
    expect(fetchLink).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(300_000 - LINK_REFRESH_MARGIN_MS);
    expect(fetchLink).toHaveBeenCalledTimes(3);
    expect(link.isFresh('s1')).toBe(true);
  });

  it('drops a late answer for a recording no longer chosen', async () => {
    let answer: (link: RecordingLink) => void = () => {};
    const slow = vi.fn(() => new Promise<RecordingLink>((resolve) => (answer = resolve)));
    const link = useRecordingLink({ fetchLink: slow });
    const pending = link.load('s1');
    link.reset();
    answer({ url: '/late', expiresAt: new Date(START + 300_000).toISOString() });
    expect(await pending).toBe(false);
    expect(link.url.value).toBeUndefined();
  });

  it('reports a failure in error and keeps no URL', async () => {
    const failure = Object.assign(new Error('录音不存在或无权收听'), { code: 'not_found' });
    const link = useRecordingLink({ fetchLink: () => Promise.reject(failure) });
    expect(await link.load('s1')).toBe(false);
    expect(link.error.value).toBe(failure);
    expect(link.url.value).toBeUndefined();
  });
});
