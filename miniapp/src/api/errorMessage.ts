import type { ClientErrorCode } from './http';
import { isApiError } from './http';

/**
 * The server's messages are already written for people (in Chinese); these few codes get our own
 * wording because what the person should do next matters more than what went wrong.
 */
const DEFAULT_MESSAGES: Partial<Record<ClientErrorCode, string>> = {
  unauthenticated: '登录已失效，请重新登录',
  network_error: '网络连接失败，请检查网络后重试',
  concurrent_update: '内容已被他人修改，请刷新后重试',
  unknown_assignment: '培训安排不存在或已被移除，请刷新后重试',
  unknown_rule: '所选培训不是该岗位的课程规则（规则可能刚被修改），请刷新后重新选择',
};

/** One line for a person: a page's own wording for a code, then ours, then the server's message. */
export function describeError(error: unknown, overrides: Partial<Record<ClientErrorCode, string>> = {}): string {
  if (isApiError(error)) return overrides[error.code] ?? DEFAULT_MESSAGES[error.code] ?? error.message;
  if (error instanceof Error && error.message) return error.message;
  return '出错了，请稍后重试';
}
