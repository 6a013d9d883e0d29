import { z } from 'zod';
import { DingTalkError } from './port.js';

/**
 * The DingTalk sandbox's control API (scripts/dingtalk-sandbox), used only in sandbox mode: outside
 * DingTalk the H5 app cannot get a login code from the JSAPI, so the server asks the sandbox for one.
 */
const AuthCodeResponseSchema = z.object({ code: z.string().min(1) });

export interface SandboxControlOptions {
  /** The sandbox's base URL (config.dingtalk.apiBase in sandbox mode). */
  baseUrl: string;
  timeoutMs?: number;
}

/** A single-use login code for `userId`; a user outside the sandbox org fails as kind `business` with status 404. */
export async function requestSandboxAuthCode(options: SandboxControlOptions, userId: string): Promise<{ code: string }> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/__sandbox/auth-codes`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new DingTalkError({ kind: timedOut ? 'timeout' : 'network', code: timedOut ? 'timeout' : 'network', message: `sandbox auth-code request failed: ${(error as Error).message}`, cause: error });
  }
  const json: unknown = await response.json().catch((error: unknown) => {
    throw new DingTalkError({ kind: 'server', code: 'bad_response', message: 'sandbox answered with something other than JSON', status: response.status, cause: error });
  });
  if (!response.ok) {
    const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
    throw new DingTalkError({
      kind: response.status >= 500 ? 'server' : 'business',
      code: typeof code === 'string' ? code : `http_${response.status}`,
      message: `sandbox refused the auth-code request (${response.status})`,
      status: response.status,
    });
  }
  const parsed = AuthCodeResponseSchema.safeParse(json);
  if (!parsed.success) throw new DingTalkError({ kind: 'server', code: 'bad_response', message: 'unexpected sandbox auth-code response', status: response.status });
  return parsed.data;
}
