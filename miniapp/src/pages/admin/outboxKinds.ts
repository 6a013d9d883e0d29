/** What each outbox kind does, in words an admin understands. */
const KIND_LABELS: Record<string, string> = {
  'review.requested': '发起钉钉审批',
  'review.notice': '发送工作通知',
  'review.execute': '同步审核结果到钉钉',
  'vendor.supplementary': '向 AI 厂商发送补充测试请求',
  'dingtalk.event': '处理钉钉回调事件',
};

export function outboxKindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/** The first line of an error, short enough for a phone. */
export function shortError(error: string | null, max = 120): string {
  if (!error) return '未知错误';
  const line = error.split('\n')[0] ?? error;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
