import { createHash } from 'node:crypto';
import { z } from 'zod';

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
export interface ApprovalEvent {
  scope: 'instance' | 'task';
  instanceId: string;
  processCode: string;
  type: string;
  result: string | null;
  taskId: string | null;
  userId: string | null;
  remark: string | null;
  at: Date | null;
}

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
  return {
    scope: e.EventType === 'bpms_instance_change' ? 'instance' : 'task',
    instanceId: e.processInstanceId,
    processCode: e.processCode,
    type: e.type,
    result: e.result ?? null,
    taskId: e.taskId === undefined ? null : String(e.taskId),
    userId: e.staffId ?? null,
    remark: e.remark ?? null,
    at: time === undefined ? null : new Date(time),
  };
}
