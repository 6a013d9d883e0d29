import type { RecordingLink } from '@aireview/shared';
import { request } from './http';

/**
 * Recordings play from short-lived links: `<audio>` cannot send headers and no URL carries the session,
 * so the app asks for a URL signed for this recording and this user (valid about five minutes) and
 * asks again when it is about to expire or the audio element reports an error.
 */
export function getRecordingLink(scenarioResultId: string, signal?: AbortSignal): Promise<RecordingLink> {
  return request<RecordingLink>(`/recordings/${encodeURIComponent(scenarioResultId)}/link`, { signal });
}

/** How long before its expiry a link is no longer used for a new play (the audio element may need several requests). */
export const LINK_REFRESH_MARGIN_MS = 30_000;

/** Whether `link` can still start a play at `nowMs`. */
export function isLinkFresh(link: RecordingLink, nowMs: number = Date.now(), marginMs: number = LINK_REFRESH_MARGIN_MS): boolean {
  const expiresAt = Date.parse(link.expiresAt);
  return Number.isFinite(expiresAt) && expiresAt - marginMs > nowMs;
}
