import type { OutboxEffect } from '../platform/outbox/enqueue.js';

/** Outbox kinds the hiring feature owns (handlers.ts delivers them). */
export const HIRING_KINDS = {
  preEntry: 'hiring.pre_entry',
  notice: 'hiring.notice',
} as const;

/** Why HR get a hiring notice. */
export type HiringNoticeType = 'pre_entry_refused';

/** Create the hire's DingTalk 智能人事 pre-entry (待入职): written with the 录用 outcome, once per application. */
export function preEntryEffect(applicationId: string): OutboxEffect {
  return { kind: HIRING_KINDS.preEntry, payload: { applicationId }, dedupeKey: `pre-entry:${applicationId}` };
}

/** One notice of each type per application. */
export function hiringNoticeEffect(applicationId: string, type: HiringNoticeType, reason: string): OutboxEffect {
  return { kind: HIRING_KINDS.notice, payload: { applicationId, type, reason }, dedupeKey: `hiring-notice:${type}:${applicationId}` };
}
