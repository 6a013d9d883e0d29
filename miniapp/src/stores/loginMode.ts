import type { ClientConfig } from '@aireview/shared';
import type { Environment } from '../platform';

export type SandboxUser = NonNullable<ClientConfig['sandbox']>['users'][number];

/** How the login page signs someone in. */
export type LoginMode =
  | { kind: 'dingtalk' }
  | { kind: 'sandbox'; users: SandboxUser[]; autoUserId: string | null }
  | { kind: 'unsupported' };

/**
 * Inside DingTalk: 免登 through the JSAPI. In a plain browser with sandbox mode on: the demo-user picker,
 * signing in straight away as `?sandboxUser=` when the sandbox page named one (unless the person just
 * logged out). Otherwise the app cannot identify anyone.
 */
export function resolveLoginMode(environment: Environment, config: ClientConfig, sandboxUserHint: string | null): LoginMode {
  if (environment === 'dingtalk') return { kind: 'dingtalk' };
  if (config.sandbox) return { kind: 'sandbox', users: config.sandbox.users, autoUserId: sandboxUserHint || null };
  return { kind: 'unsupported' };
}
