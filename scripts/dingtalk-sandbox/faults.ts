import type { Middleware } from 'koa';
import { expirePresentedToken, tokenError, type TokenDeps } from './auth.js';
import { apiError, dialectOf, oapiError, systemError } from './http.js';
import type { Fault, FaultMode, SandboxState } from './state.js';

export const FAULT_MODES = ['http500', 'timeout', 'lost_response', 'qps', 'token_expired', 'drop_callback'] as const satisfies readonly FaultMode[];

/** `path` matches exactly, or as a prefix when it ends in `*` (`*` alone matches every DingTalk path). */
export function faultMatches(fault: Fault, path: string): boolean {
  return fault.path.endsWith('*') ? path.startsWith(fault.path.slice(0, -1)) : fault.path === path;
}

/** Takes one use of the first armed fault of `mode` (or of any request mode when omitted) for `path`. */
export function takeFault(state: SandboxState, path: string, modes: readonly FaultMode[]): Fault | undefined {
  const fault = state.faults.find((f) => f.remaining > 0 && modes.includes(f.mode) && faultMatches(f, path));
  if (!fault) return undefined;
  fault.remaining -= 1;
  state.faults = state.faults.filter((f) => f.remaining > 0);
  return { ...fault };
}

export interface FaultDeps extends TokenDeps {
  /** How long a `timeout` fault holds the request before answering with a system error. */
  faultTimeoutMs: number;
  /** Registers a pending hold so `close()` can end it early. */
  hold: (ms: number) => Promise<void>;
}

/** Applies armed request faults before routing (never to /__sandbox or the page). */
export function injectFaults(deps: FaultDeps): Middleware {
  return async function faultInjector(ctx, next) {
    if (dialectOf(ctx.path) === 'control') return next();
    const fault = takeFault(deps.state, ctx.path, ['http500', 'timeout', 'lost_response', 'qps', 'token_expired']);
    if (!fault) return next();
    ctx.state.fault = fault.mode;
    switch (fault.mode) {
      case 'http500':
        throw systemError(ctx.path, 500);
      case 'qps':
        throw qpsError(ctx.path, deps.now());
      case 'token_expired':
        expirePresentedToken(ctx, deps);
        throw tokenError(ctx.path, true);
      case 'timeout':
        await deps.hold(deps.faultTimeoutMs);
        throw systemError(ctx.path, 500);
      case 'lost_response':
        await next();
        await deps.hold(deps.faultTimeoutMs);
        throw systemError(ctx.path, 500);
      default:
        return next();
    }
  };
}

function qpsError(path: string, now: number) {
  if (dialectOf(path) === 'api') {
    const until = new Date(now + 1000).toISOString();
    return apiError(403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', `请求过于频繁，限制将在 ${until} 结束`);
  }
  return oapiError(90018, '当前企业该应用调用该接口的QPS超过限制');
}
