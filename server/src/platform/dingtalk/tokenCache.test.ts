import { describe, expect, it } from 'vitest';
import { createTokenCache } from './tokenCache.js';

function setup(expireIn = 7200) {
  let clock = 1_000_000;
  let fetches = 0;
  const pending: Array<(token: string) => void> = [];
  const cache = createTokenCache({
    now: () => clock,
    fetchToken: () => {
      fetches += 1;
      return new Promise((resolve) => pending.push((token) => resolve({ accessToken: token, expireIn })));
    },
  });
  return {
    cache,
    fetches: () => fetches,
    answer: (token: string) => pending.shift()!(token),
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('token cache', () => {
  it('shares one in-flight fetch between concurrent callers', async () => {
    const t = setup();
    const callers = [t.cache.get(), t.cache.get(), t.cache.get()];
    t.answer('tok-1');
    expect(await Promise.all(callers)).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(t.fetches()).toBe(1);
  });

  it('serves the cached token until five minutes before it expires', async () => {
    const t = setup();
    const first = t.cache.get();
    t.answer('tok-1');
    await first;

    t.advance((7200 - 300) * 1000 - 1);
    expect(await t.cache.get()).toBe('tok-1');
    expect(t.fetches()).toBe(1);

    t.advance(1);
    const refreshed = t.cache.get();
    t.answer('tok-2');
    expect(await refreshed).toBe('tok-2');
    expect(t.fetches()).toBe(2);
  });

  it('caps the early-refresh margin at half of a short lifetime', async () => {
    const t = setup(60);
    const first = t.cache.get();
    t.answer('tok-1');
    await first;
    t.advance(29_000);
    expect(await t.cache.get()).toBe('tok-1');
    expect(t.fetches()).toBe(1);
  });

  it('evicts only the token it is told was rejected', async () => {
    const t = setup();
    const first = t.cache.get();
    t.answer('tok-1');
    await first;

    t.cache.evict('tok-0'); // a stale token another caller used: the cached one stays
    expect(await t.cache.get()).toBe('tok-1');

    t.cache.evict('tok-1');
    const next = t.cache.get();
    t.answer('tok-2');
    expect(await next).toBe('tok-2');
    expect(t.fetches()).toBe(2);
  });

  it('does not cache a failed fetch', async () => {
    let calls = 0;
    const cache = createTokenCache({
      fetchToken: async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
        return { accessToken: 'tok', expireIn: 7200 };
      },
    });
    await expect(cache.get()).rejects.toThrow('boom');
    expect(await cache.get()).toBe('tok');
  });
});
