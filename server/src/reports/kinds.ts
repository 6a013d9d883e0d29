import type { OutboxEffect } from '../platform/outbox/enqueue.js';

/** Outbox kinds the reports feature owns (handlers.ts delivers them). */
export const REPORT_KINDS = {
  alertDigest: 'reports.alert_digest',
} as const;

/** One alert as the daily notice lists it (stored in the message, so a resend is byte-identical). */
export interface DigestAlert {
  key: string;
  message: string;
}

export interface AlertDigestPayload {
  userId: string;
  /** The Asia/Shanghai day of the digest. */
  day: string;
  alerts: DigestAlert[];
}

/** At most one digest per HR user per day. */
export function alertDigestEffect(payload: AlertDigestPayload): OutboxEffect {
  return { kind: REPORT_KINDS.alertDigest, payload: { ...payload }, dedupeKey: alertDigestKey(payload.userId, payload.day) };
}

export function alertDigestKey(userId: string, day: string): string {
  return `alert-digest:${day}:${userId}`;
}
