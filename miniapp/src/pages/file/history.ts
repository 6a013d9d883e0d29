import type { ReviewView, StageChangeView } from '@aireview/shared';

/** Who moved a candidate when no person is named. */
const ACTOR_TYPE_LABELS: Record<string, string> = {
  system: '系统',
  user: '用户',
  supervisor: '业务主管',
  dingtalk: '钉钉审批',
  approval: '钉钉审批',
  vendor: 'AI面试供应商',
  ingestion: 'AI面试供应商',
};

export function actorLabel(change: Pick<StageChangeView, 'actorName' | 'actorType'>): string {
  return change.actorName ?? ACTOR_TYPE_LABELS[change.actorType] ?? change.actorType;
}

/** Oldest first, so the history reads as a timeline. */
export function sortStageHistory(history: readonly StageChangeView[]): StageChangeView[] {
  return [...history].sort((a, b) => a.at.localeCompare(b.at));
}

export const REVIEW_STATUS_LABELS: Record<ReviewView['status'], string> = {
  starting: '发起中',
  pending: '审核中',
  decided: '已审核',
  terminated: '已撤销',
};
