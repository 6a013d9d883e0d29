import type { AssignmentStatus, TrainingAssignmentView } from '@aireview/shared';
import { formatDate } from '../utils/format';

/** How a training assignment reads wherever it is listed (the candidate file, 我的培训). */

/**
 * The deadline as a person reads it. `dueAt` is 00:00 Asia/Shanghai of the day it is due by, so that
 * day is shown: 「2026-12-15 前完成」. A deadline counted from an onboarding date not known yet says so;
 * no deadline → null.
 */
export function assignmentDueText(assignment: Pick<TrainingAssignmentView, 'dueAt' | 'relativeTo' | 'dueDays'>): string | null {
  if (assignment.dueAt) {
    const day = formatDate(assignment.dueAt);
    return day === '—' ? null : `${day} 前完成`;
  }
  if (assignment.relativeTo === 'onboarding' && assignment.dueDays !== undefined) return '入职后确定截止日期';
  return null;
}

/** Still to do (HR may mark it done or waive it). */
export function isOpenAssignment(status: AssignmentStatus): boolean {
  return status === 'assigned' || status === 'overdue';
}

export const ASSIGNMENT_STATUS_TAG_TYPES: Record<AssignmentStatus, 'primary' | 'success' | 'danger' | 'default'> = {
  assigned: 'primary',
  done: 'success',
  overdue: 'danger',
  waived: 'default',
};
