import type { RecordingLink } from '@aireview/shared';
import { getCurrentScope, onScopeDispose, ref } from 'vue';
import { LINK_REFRESH_MARGIN_MS, getRecordingLink, isLinkFresh } from '../api/recordings';

export interface RecordingLinkOptions {
  /** Asked for a new link (tests replace it). */
  fetchLink?: (scenarioResultId: string) => Promise<RecordingLink>;
  now?: () => number;
  /** Whether a link about to expire may be replaced now; a playing element keeps its URL (an error reloads it). */
  mayRefresh?: () => boolean;
}

/**
 * The signed URL of the recording a player shows. `load` resolves true once a fresh link for that
 * recording is in `url` (one request per recording at a time); a link close to expiry is replaced in
 * the background while `mayRefresh` allows, so a tap on play finds a usable URL without waiting.
 */
export function useRecordingLink(options: RecordingLinkOptions = {}) {
  const fetchLink = options.fetchLink ?? ((id: string) => getRecordingLink(id));
  const now = options.now ?? (() => Date.now());
  const url = ref<string | undefined>(undefined);
  const error = ref<unknown>(null);
  let current: { trackId: string; link: RecordingLink } | null = null;
  let inFlight: { trackId: string; promise: Promise<boolean> } | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function clearTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function scheduleRefresh(trackId: string, link: RecordingLink): void {
    clearTimer();
    const delay = Date.parse(link.expiresAt) - LINK_REFRESH_MARGIN_MS - now();
    timer = setTimeout(() => {
      timer = null;
      if (current?.trackId !== trackId) return;
      if (options.mayRefresh?.() === false) return;
      void load(trackId, { force: true });
    }, Math.max(delay, 1000));
  }

  /** Whether `url` holds an unexpired link for this recording. */
  function isFresh(trackId: string): boolean {
    return current?.trackId === trackId && isLinkFresh(current.link, now());
  }

  /** A fresh link for `trackId` into `url`; false when it could not be had (see `error`) or another recording was chosen meanwhile. */
  function load(trackId: string, opts: { force?: boolean } = {}): Promise<boolean> {
    if (!opts.force && isFresh(trackId)) return Promise.resolve(true);
    if (inFlight?.trackId === trackId) return inFlight.promise;
    const request = {
      trackId,
      promise: fetchLink(trackId).then(
        (link) => {
          if (inFlight !== request) return false;
          current = { trackId, link };
          url.value = link.url;
          error.value = null;
          scheduleRefresh(trackId, link);
          return true;
        },
        (cause: unknown) => {
          if (inFlight !== request) return false;
          error.value = cause;
          return false;
        },
      ).finally(() => {
        if (inFlight === request) inFlight = null;
      }),
    };
    inFlight = request;
    return request.promise;
  }

  /** Forget the link (another recording is chosen, or none). */
  function reset(): void {
    clearTimer();
    current = null;
    inFlight = null;
    url.value = undefined;
    error.value = null;
  }

  if (getCurrentScope()) onScopeDispose(clearTimer);
  return { url, error, isFresh, load, reset };
}
