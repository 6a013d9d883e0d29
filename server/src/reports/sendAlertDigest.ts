import { appPageUrl } from '../platform/appLinks.js';
import type { Deps } from '../platform/deps.js';
import { dingtalkLink } from '../platform/dingtalk/port.js';
import type { AlertDigestPayload } from './kinds.js';

/** A phone screen's worth; the rest are counted and one tap away. */
export const ALERT_DIGEST_MAX_LISTED = 8;

/** The digest's card: the first alerts in full, a count of the rest, and one link to 数据看板. */
export function alertDigestCard(payload: AlertDigestPayload, publicBaseUrl: string) {
  const listed = payload.alerts.slice(0, ALERT_DIGEST_MAX_LISTED);
  const rest = payload.alerts.length - listed.length;
  return {
    title: `数据看板：${payload.alerts.length} 条新预警`,
    markdown: [
      `### 数据看板 · ${payload.day} 新预警 ${payload.alerts.length} 条`,
      ...listed.map((a, i) => `${i + 1}. ${a.message}`),
      ...(rest > 0 ? [`另有 ${rest} 条，请在数据看板查看`] : []),
    ].join('\n\n'),
    singleTitle: '打开数据看板',
    singleUrl: dingtalkLink(appPageUrl(publicBaseUrl, '/reports')),
  };
}

/** Outbox handler of `reports.alert_digest`: one work notification to one HR user. */
export async function sendAlertDigest(deps: Pick<Deps, 'dingtalk' | 'settings'>, payload: AlertDigestPayload): Promise<void> {
  await deps.dingtalk.sendWorkNotice({ userIds: [payload.userId], card: alertDigestCard(payload, deps.settings.publicBaseUrl) });
}
