/**
 * The app access token (DINGTALK.md §1.3): cached for its lifetime minus an early-refresh margin,
 * with exactly one refresh in flight shared by every concurrent caller. `evict(token)` forgets the
 * token a call was rejected with — and only that one, so a caller holding a stale token cannot throw
 * away the fresh token another caller has just fetched.
 */
export interface TokenCacheOptions {
  fetchToken: () => Promise<{ accessToken: string; expireIn: number }>;
  /** Refresh this long before expiry. Default 5 minutes (capped at half the lifetime). */
  refreshMarginMs?: number;
  now?: () => number;
}

export interface TokenCache {
  get(): Promise<string>;
  evict(token: string): void;
}

const DEFAULT_MARGIN_MS = 5 * 60_000;

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const now = options.now ?? Date.now;
  const marginMs = options.refreshMarginMs ?? DEFAULT_MARGIN_MS;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  function refresh(): Promise<string> {
    inFlight ??= options
      .fetchToken()
      .then(({ accessToken, expireIn }) => {
        const lifetimeMs = expireIn * 1000;
        cached = { token: accessToken, refreshAt: now() + lifetimeMs - Math.min(marginMs, lifetimeMs / 2) };
        return accessToken;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    get() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      return refresh();
    },
    evict(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
