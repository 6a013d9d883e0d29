import type { CallbackCrypto } from '../../server/src/platform/dingtalk/callbackCrypto.js';
import type { ApprovalDeps } from './approvals.js';
import type { TokenDeps } from './auth.js';
import type { CallbackDispatcher } from './callbacks.js';
import type { Org } from './org.js';
import type { SandboxState } from './state.js';

/** What the route modules share; built once by createSandbox. */
export interface SandboxDeps {
  state: SandboxState;
  org: Org;
  now: () => number;
  appKey: string;
  appSecret: string;
  corpId: string;
  /** Base URL of our H5 app (the page's "open as this user" link); may be empty. */
  h5Url: string;
  authCodeTtlMs: number;
  tokens: TokenDeps;
  approvals: ApprovalDeps;
  callbacks: CallbackDispatcher;
  crypto: CallbackCrypto;
}
