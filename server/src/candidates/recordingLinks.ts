import type { RecordingLink, SessionUser } from '@aireview/shared';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { resolveUser } from '../auth/index.js';
import type { Deps } from '../platform/deps.js';
import { forbidden, unauthorized } from '../platform/http/errors.js';
import { findVisibleRecording } from './openRecording.js';

/**
 * Short-lived recording links for `<audio src>`, which cannot send a session header: one recording,
 * one user, a few minutes. The URL carries the user, the expiry and an HMAC-SHA256 keyed by the session
 * secret under a purpose of its own (a link signature is never valid as anything else):
 * `/api/v1/recordings/{id}?u=<userId>&exp=<unix seconds>&sig=<hex>`.
 */
export const RECORDING_LINK_TTL_SECONDS = 300;

const PURPOSE = 'aireview.recording-link.v1';

export interface RecordingLinkParts {
  scenarioResultId: string;
  userId: string;
  /** Unix seconds. */
  exp: number;
}

/** Lower-case hex HMAC over the purpose, recording, user and expiry (JSON, so no field can run into the next). */
export function signRecordingLink(secret: string, link: RecordingLinkParts): string {
  return createHmac('sha256', secret).update(JSON.stringify([PURPOSE, link.scenarioResultId, link.userId, link.exp])).digest('hex');
}

export function recordingLinkUrl(link: RecordingLinkParts, sig: string): string {
  const query = new URLSearchParams({ u: link.userId, exp: String(link.exp), sig });
  return `/api/v1/recordings/${encodeURIComponent(link.scenarioResultId)}?${query.toString()}`;
}

/** The query of a link as it arrives; all three are needed. */
export interface RecordingLinkQuery {
  u?: string | undefined;
  exp?: string | undefined;
  sig?: string | undefined;
}

/** A request presents a link when it carries any of its parameters (and then the link decides, not a session). */
export function presentsRecordingLink(query: RecordingLinkQuery): boolean {
  return query.u !== undefined || query.exp !== undefined || query.sig !== undefined;
}

const badLink = () => forbidden('bad_link', '录音链接无效，请刷新页面后重试');

/**
 * The user a link was signed for, if its signature is ours for this recording and it has not expired.
 * Tampered, malformed or signed for another recording → 403 `bad_link`; expired → 401 `link_expired`.
 */
export function checkRecordingLink(secret: string, scenarioResultId: string, query: RecordingLinkQuery, nowMs: number): string {
  const { u, exp, sig } = query;
  if (!u || !exp || !sig || !/^\d{1,12}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) throw badLink();
  const parts = { scenarioResultId, userId: u, exp: Number(exp) };
  const expected = Buffer.from(signRecordingLink(secret, parts), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) throw badLink();
  const nowSeconds = Math.floor(nowMs / 1000);
  // Never longer-lived than we sign them, whatever the URL says.
  if (parts.exp > nowSeconds + RECORDING_LINK_TTL_SECONDS + 60) throw badLink();
  if (parts.exp <= nowSeconds) throw unauthorized('link_expired', '录音链接已过期，请重新播放');
  return u;
}

/**
 * A link for one recording the viewer may hear (the same check as the file: 404 otherwise), valid for
 * RECORDING_LINK_TTL_SECONDS.
 */
export async function createRecordingLink(
  deps: Pick<Deps, 'ds' | 'clock' | 'settings'>,
  viewer: SessionUser,
  scenarioResultId: string,
): Promise<RecordingLink> {
  await findVisibleRecording(deps.ds, viewer, scenarioResultId);
  const exp = Math.floor(deps.clock.now().getTime() / 1000) + RECORDING_LINK_TTL_SECONDS;
  const parts = { scenarioResultId, userId: viewer.userId, exp };
  return { url: recordingLinkUrl(parts, signRecordingLink(deps.settings.sessionSecret, parts)), expiresAt: new Date(exp * 1000).toISOString() };
}

/**
 * The viewer a valid link stands for: its user as they are now (still there, with their current role;
 * whether they may still hear the recording is checked by openRecording like for a session).
 */
export async function viewerOfRecordingLink(deps: Pick<Deps, 'ds' | 'clock' | 'settings'>, scenarioResultId: string, query: RecordingLinkQuery): Promise<SessionUser> {
  const userId = checkRecordingLink(deps.settings.sessionSecret, scenarioResultId, query, deps.clock.now().getTime());
  const viewer = await resolveUser(deps.ds, deps.settings.roles, userId);
  if (!viewer) throw badLink();
  return viewer;
}
