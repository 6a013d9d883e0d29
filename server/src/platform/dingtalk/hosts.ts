/** DingTalk's production hosts: the defaults of DINGTALK_API_BASE / DINGTALK_OAPI_BASE. */
export const DINGTALK_API_HOST = 'https://api.dingtalk.com';
export const DINGTALK_OAPI_HOST = 'https://oapi.dingtalk.com';

/** True for an https URL on a dingtalk.com host (what production must talk to). */
export function isDingTalkHost(url: string): boolean {
  return /^https:\/\/[a-z0-9.-]+\.dingtalk\.com\/?$/.test(url);
}
