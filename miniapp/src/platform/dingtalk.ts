/**
 * The DingTalk JSAPI bridge. Loaded on demand (see ./index.ts) and the only module that imports
 * dingtalk-jsapi, one API per import so the rest of the SDK stays out of the bundle.
 */
import 'dingtalk-jsapi/entry/union';
import requestAuthCodeV2 from 'dingtalk-jsapi/api/union/requestAuthCode';
import requestAuthCodeLegacy from 'dingtalk-jsapi/api/runtime/permission/requestAuthCode';
import setNavigationTitle from 'dingtalk-jsapi/api/biz/navigation/setTitle';
import { getENV } from 'dingtalk-jsapi/lib/env';
import { supportsAuthCodeV2 } from './dingtalkVersion';

export function isInDingTalk(): boolean {
  return getENV().platform !== 'notInDingTalk';
}

/** JSAPI failures arrive as plain objects (`{ errorCode, errorMessage }`), not Errors. */
function describeJsapiFailure(failure: unknown): string {
  if (failure instanceof Error) return failure.message;
  if (typeof failure === 'object' && failure !== null) {
    const record = failure as Record<string, unknown>;
    const message = record.errorMessage ?? record.message ?? record.errMsg;
    const code = record.errorCode ?? record.code;
    if (typeof message === 'string') return code === undefined ? message : `${message}（${String(code)}）`;
  }
  return String(failure);
}

export class DingTalkAuthError extends Error {
  override readonly name = 'DingTalkAuthError';
}

/** A JSAPI call that never answers (no bridge, a frozen container) must not leave the login spinning. */
const AUTH_CODE_TIMEOUT_MS = 15_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('钉钉未响应，请重新打开应用')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * A one-time 免登 code: `dd.requestAuthCode({ corpId, clientId })` on clients that have it,
 * `dd.runtime.permission.requestAuthCode({ corpId })` on older ones (and when the version is unknown
 * and the new call fails).
 */
export async function requestAuthCode(corpId: string, clientId: string): Promise<string> {
  const env = getENV();
  const supportsV2 = supportsAuthCodeV2(env.platform, env.version);
  try {
    if (supportsV2 !== false) {
      try {
        return (await withTimeout(requestAuthCodeV2({ corpId, clientId }), AUTH_CODE_TIMEOUT_MS)).code;
      } catch (failure) {
        if (supportsV2 === true) throw failure;
        console.warn('requestAuthCode failed, trying the legacy API', failure);
      }
    }
    return (await withTimeout(requestAuthCodeLegacy({ corpId }), AUTH_CODE_TIMEOUT_MS)).code;
  } catch (failure) {
    throw new DingTalkAuthError(`钉钉授权失败：${describeJsapiFailure(failure)}`);
  }
}

export async function setTitle(title: string): Promise<void> {
  await setNavigationTitle({ title });
}
