import type { ClientConfig } from '@aireview/shared';
import { createSandboxCode } from '../api/auth';

/**
 * Where the app runs and how it gets an identity. Inside DingTalk: the JSAPI (loaded on demand, so a
 * plain browser never downloads it). Outside DingTalk in sandbox mode: the server's sandbox issues the
 * auth code for a chosen demo user. Pages only ask for "an auth code" and "a title".
 */

export type Environment = 'dingtalk' | 'browser';

export const SANDBOX_USER_PARAM = 'sandboxUser';

/** A cheap user-agent pre-check; the JSAPI's own `env` makes the final call. */
function mayBeDingTalk(): boolean {
  if (typeof navigator === 'undefined') return false;
  const pcBridge = typeof window !== 'undefined' && 'dingtalk' in window;
  return /DingTalk/i.test(navigator.userAgent) || pcBridge;
}

type Bridge = typeof import('./dingtalk');
let bridge: Promise<Bridge | null> | null = null;

function loadBridge(): Promise<Bridge | null> {
  if (!mayBeDingTalk()) return Promise.resolve(null);
  bridge ??= import('./dingtalk').then((module) => (module.isInDingTalk() ? module : null));
  return bridge;
}

export async function detectEnvironment(): Promise<Environment> {
  return (await loadBridge()) ? 'dingtalk' : 'browser';
}

/** DingTalk draws its own navigation bar (with back button); elsewhere the app shows one. */
export const hasNativeNavigationBar: boolean = mayBeDingTalk();

export class PlatformError extends Error {
  override readonly name = 'PlatformError';
}

/**
 * A single-use auth code to exchange at POST /auth/dingtalk. Outside DingTalk this needs sandbox mode
 * and the demo user to sign in as.
 */
export async function requestAuthCode(config: ClientConfig, sandboxUserId?: string): Promise<string> {
  const dingtalk = await loadBridge();
  if (dingtalk) return dingtalk.requestAuthCode(config.corpId, config.clientId);
  if (!config.sandbox) throw new PlatformError('请在钉钉中打开本应用');
  if (!sandboxUserId) throw new PlatformError('请选择一个演示用户');
  return (await createSandboxCode(sandboxUserId)).code;
}

/** The page title: the document's, and DingTalk's navigation bar when inside DingTalk. */
export function setTitle(title: string): void {
  if (typeof document !== 'undefined') document.title = title;
  void loadBridge()
    .then((dingtalk) => dingtalk?.setTitle(title))
    .catch((error: unknown) => console.warn('DingTalk setTitle failed', error));
}

/**
 * The sandbox page opens the app as `/app/?sandboxUser=<userId>#/…`. Also read from the hash's own
 * query in case a link put it after the `#`.
 */
export function readSandboxUserHint(location: Pick<Location, 'search' | 'hash'>): string | null {
  const fromSearch = new URLSearchParams(location.search).get(SANDBOX_USER_PARAM);
  if (fromSearch) return fromSearch;
  const hashQuery = location.hash.includes('?') ? location.hash.slice(location.hash.indexOf('?') + 1) : '';
  return new URLSearchParams(hashQuery).get(SANDBOX_USER_PARAM) || null;
}
