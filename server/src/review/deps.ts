import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { DingTalkPort } from '../dingtalk/port.js';
import type { Logger } from '../logger.js';

/** Outbox kinds of the review workflow (`review.requested` is written at ingest; stored DingTalk events use `inboundEventKind('dingtalk')`). */
export const OUTBOX = {
  reviewRequested: 'review.requested',
  notice: 'review.notice',
  execute: 'review.execute',
  vendorRequest: 'vendor.supplementary',
} as const;

export interface ReviewSettings {
  processCode: string;
  /** DingTalk needs a real user to start an approval: the configured originator. */
  originatorUserId: string;
  hrUserIds: string[];
  publicBaseUrl: string;
  vendorWebhookUrl: string | null;
  /** Signs the vendor webhook with the ingestion HMAC scheme. */
  vendorSecret: string;
  remindAfterMs: number;
  escalateAfterMs: number;
  reconcileAfterMs: number;
}

export function reviewSettings(config: Config): ReviewSettings {
  return {
    processCode: config.dingtalk.processCode,
    originatorUserId: config.roles.originatorUserId,
    hrUserIds: config.roles.hrUserIds,
    publicBaseUrl: config.publicBaseUrl.replace(/\/+$/, ''),
    vendorWebhookUrl: config.vendorWebhookUrl,
    vendorSecret: config.ingestSecret,
    ...config.review,
  };
}

export interface ReviewDeps {
  ds: DataSource;
  dingtalk: DingTalkPort;
  log: Logger;
  settings: ReviewSettings;
  now?: () => Date;
  /** Wakes the outbox worker after a command enqueued something. */
  kick?: () => void;
  fetch?: typeof fetch;
}

export function nowOf(deps: { now?: () => Date }): Date {
  return deps.now?.() ?? new Date();
}

/** Where the H5 app opens a candidate file. */
export function fileUrl(settings: Pick<ReviewSettings, 'publicBaseUrl'>, applicationId: string): string {
  return `${settings.publicBaseUrl}/app/#/applications/${applicationId}`;
}
