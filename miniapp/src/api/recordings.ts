import { getToken } from './token';

/**
 * An `<audio src>` for a recording. The audio element cannot send an Authorization header, so with
 * bearer-only auth the token rides along as `access_token` (the server accepts it for recordings).
 */
export function recordingSrc(recordingUrl: string, token: string | null = getToken()): string {
  if (!token) return recordingUrl;
  const [path, hash] = recordingUrl.split('#', 2) as [string, string | undefined];
  const separator = path.includes('?') ? '&' : '?';
  return `${path}${separator}access_token=${encodeURIComponent(token)}${hash === undefined ? '' : `#${hash}`}`;
}
