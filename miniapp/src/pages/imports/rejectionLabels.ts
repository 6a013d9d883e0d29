import type { RejectedRecord } from '@aireview/shared';

/** Why a row was not imported, in words for HR. */
export const REJECTION_LABELS: Record<RejectedRecord['code'], string> = {
  invalid_record: '内容不符合要求',
  unknown_employee: '找不到对应的已录用员工',
  ambiguous_employee: '匹配到多名员工',
  unknown_position: '岗位不存在',
  missing_dimension: '缺少维度评分',
  interview_conflict: '面试记录冲突',
  illegal_transition: '候选人状态冲突',
};

/** The first problem of an invalid row, e.g. "satisfaction: Too big…", or the server's message. */
export function rejectionDetail(rejected: Pick<RejectedRecord, 'message' | 'details'>): string {
  const details = rejected.details;
  if (Array.isArray(details) && details.length > 0) {
    const first = details[0] as { path?: unknown; message?: unknown };
    if (typeof first.message === 'string') return typeof first.path === 'string' && first.path ? `${first.path}：${first.message}` : first.message;
  }
  return rejected.message;
}
