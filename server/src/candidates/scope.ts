import type { SessionUser } from '@aireview/shared';
import { maskEmail, maskPhone } from '@aireview/shared';
import type { Position } from '../platform/db/entities/index.js';

/**
 * Who may see which candidate files. Admin and HR see everything; a supervisor sees the positions
 * they supervise or that belong to one of their departments; staff see no candidate file.
 * Anything out of scope is answered as if it did not exist (404).
 */
export function canViewPosition(viewer: SessionUser, position: Pick<Position, 'departmentId' | 'supervisorUserIds'>): boolean {
  switch (viewer.role) {
    case 'admin':
    case 'hr':
      return true;
    case 'supervisor':
      return position.supervisorUserIds.includes(viewer.userId) || viewer.departmentIds.includes(position.departmentId);
    case 'staff':
      return false;
  }
}

/** The positions whose applications the viewer may see. */
export function visiblePositions<P extends Pick<Position, 'departmentId' | 'supervisorUserIds'>>(viewer: SessionUser, positions: readonly P[]): P[] {
  return positions.filter((p) => canViewPosition(viewer, p));
}

/** Only HR and admin see full phone numbers and e-mail addresses. */
export function seesContactDetails(viewer: SessionUser): boolean {
  return viewer.role === 'hr' || viewer.role === 'admin';
}

/** The digits of a phone number a viewer without contact details sees: the last four (138****8000). */
export const VISIBLE_PHONE_DIGITS = 4;

/**
 * How a search of `digits` may match phone numbers for this viewer, or null when it may not match them.
 * HR and admin search any suffix of four or more digits. Everyone else sees only the last four digits,
 * so they may match exactly those (and only on numbers long enough to show them): a longer suffix would
 * let them recover the hidden digits one query at a time.
 */
export function phoneSearchFor(viewer: SessionUser, digits: string): { suffix: string; minLength: number } | null {
  if (seesContactDetails(viewer)) return { suffix: digits, minLength: 0 };
  return digits.length === VISIBLE_PHONE_DIGITS ? { suffix: digits, minLength: VISIBLE_PHONE_DIGITS + 1 } : null;
}

export function phoneFor(viewer: SessionUser, phone: string | null): string | null {
  return seesContactDetails(viewer) ? phone : maskPhone(phone);
}

export function emailFor(viewer: SessionUser, email: string | null): string | null {
  return seesContactDetails(viewer) ? email : maskEmail(email);
}
