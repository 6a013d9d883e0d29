/**
 * The session token from login, kept per tab in sessionStorage and sent as `Authorization: Bearer`,
 * because DingTalk webviews do not always keep cookies. A memory copy covers storage that throws
 * (private mode, disabled storage).
 */
const STORAGE_KEY = 'aireview_token';

let memoryToken: string | null = null;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch (error) {
    console.warn('sessionStorage unavailable, keeping the token in memory', error);
    return null;
  }
}

export function getToken(): string | null {
  return memoryToken ?? storage()?.getItem(STORAGE_KEY) ?? null;
}

export function setToken(token: string): void {
  memoryToken = token;
  storage()?.setItem(STORAGE_KEY, token);
}

export function clearToken(): void {
  memoryToken = null;
  storage()?.removeItem(STORAGE_KEY);
}
