/** Abort signals for a load that is repeated: each `next()` aborts the one before it; `abort()` the last. */
export function latestSignal() {
  let controller: AbortController | null = null;
  return {
    next(): AbortSignal {
      controller?.abort();
      controller = new AbortController();
      return controller.signal;
    },
    abort: () => controller?.abort(),
  };
}
