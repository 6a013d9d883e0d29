import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ApprovalResult } from './remark.js';

/**
 * Decrypted DingTalk HTTP push payloads (DINGTALK.md §2.4, §3.7), parsed tolerantly:
 * new-style bodies carry `eventId`/`BizId`, older ones only `EventType` and the fields.
 */
const EnvelopeSchema = z.looseObject({
  EventType: z.string().min(1),
  eventId: z.string().optional(),
  BizId: z.string().optional(),
});

export type ParsedCallback =
  | { kind: 'check_url' }
  | { kind: 'event'; eventId: string; eventType: string; payload: Record<string, unknown> };

export class NotAnEventError extends Error {
  override name = 'NotAnEventError';
}

export function parseCallbackEvent(plaintext: string): ParsedCallback {
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    throw new NotAnEventError('decrypted callback is not JSON');
  }
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success) throw new NotAnEventError('decrypted callback has no EventType');
  const envelope = parsed.data;
  if (envelope.EventType === 'check_url') return { kind: 'check_url' };
  // Old payloads have no id: the same push re-sent hashes to the same id.
  const eventId = envelope.eventId ?? envelope.BizId ?? `sha256:${createHash('sha256').update(plaintext).digest('hex')}`;
  return { kind: 'event', eventId, eventType: envelope.EventType, payload: envelope };
}

/** Approval events from DingTalk's workflow, in our words. */
export type ApprovalEvent = { processCode: string; instanceId: string; at: Date | null } & (
  | /** An approver approved or refused their task. */ { kind: 'task_decided'; taskId: string | null; userId: string; result: ApprovalResult; remark: string | null }
  | /** The approval ended with a result (who and why are on the task event, or on DingTalk's copy). */ { kind: 'instance_finished' }
  | /** The approval was revoked or deleted before anyone decided. */ { kind: 'instance_ended'; how: 'terminated' | 'deleted' }
  | /** Starts, comments, cancelled tasks, redirects: nothing to apply. */ { kind: 'other' }
);

const ApprovalEventSchema = z.looseObject({
  EventType: z.enum(['bpms_instance_change', 'bpms_task_change']),
  processInstanceId: z.string(),
  processCode: z.string(),
  type: z.string(),
  result: z.string().optional(),
  taskId: z.union([z.string(), z.number()]).optional(),
  staffId: z.string().optional(),
  remark: z.string().optional(),
  finishTime: z.number().optional(),
  createTime: z.number().optional(),
});

/** `bpms_*` payload → ApprovalEvent, or null for any other event type. */
export function toApprovalEvent(payload: Record<string, unknown>): ApprovalEvent | null {
  const parsed = ApprovalEventSchema.safeParse(payload);
  if (!parsed.success) return null;
  const e = parsed.data;
  const time = e.finishTime ?? e.createTime;
  const base = { processCode: e.processCode, instanceId: e.processInstanceId, at: time === undefined ? null : new Date(time) };
  if (e.EventType === 'bpms_task_change') {
    if (e.type === 'finish' && (e.result === 'agree' || e.result === 'refuse') && e.staffId) {
      return { ...base, kind: 'task_decided', taskId: e.taskId === undefined ? null : String(e.taskId), userId: e.staffId, result: e.result, remark: e.remark ?? null };
    }
    return { ...base, kind: 'other' };
  }
  if (e.type === 'finish') return { ...base, kind: 'instance_finished' };
  if (e.type === 'terminate' || e.type === 'delete') return { ...base, kind: 'instance_ended', how: e.type === 'terminate' ? 'terminated' : 'deleted' };
  return { ...base, kind: 'other' };
}
