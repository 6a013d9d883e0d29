/** DingTalk's production hosts: the defaults of DINGTALK_API_BASE / DINGTALK_OAPI_BASE. */
export const DINGTALK_API_HOST = 'https://api.dingtalk.com';
export const DINGTALK_OAPI_HOST = 'https://oapi.dingtalk.com';

/** True for an https URL on a dingtalk.com host (what production must talk to). */
export function isDingTalkHost(url: string): boolean {
  return /^https:\/\/[a-z0-9.-]+\.dingtalk\.com\/?$/.test(url);
}

/**
 * The pages that may frame our H5 app (CSP frame-ancestors): DingTalk's desktop client hosts H5
 * micro-apps in a frame of a *.dingtalk.com page, and the JSAPI's PC bridge talks only to a parent on
 * such a host. The phone clients open the app top-level in their WebView.
 */
export const DINGTALK_FRAME_ANCESTORS = ['https://*.dingtalk.com'] as const;
