import { randomHex, type ApprovalInstance, type ApprovalTask } from './state.js';

/**
 * Decrypted event bodies as DingTalk pushes them over HTTP (DINGTALK.md §2.4, §3.7): flat JSON with
 * EventType, EventTime, CorpId, BizId (idempotency key) and eventId, plus the event's own fields.
 * Times are ms epoch numbers here (the detail API uses strings).
 */
export type EventPayload = Record<string, unknown>;

export interface EventContext {
  corpId: string;
  now: () => number;
  /** Link to the approval in "DingTalk" (the sandbox page). */
  approvalUrl: (instance: ApprovalInstance) => string;
}

function envelope(ctx: EventContext, eventType: string): EventPayload {
  const eventId = randomHex(16);
  return { EventType: eventType, EventTime: ctx.now(), CorpId: ctx.corpId, BizId: eventId, eventId };
}

function common(instance: ApprovalInstance): EventPayload {
  return {
    processInstanceId: instance.instanceId,
    processCode: instance.processCode,
    bizCategoryId: '',
    businessId: instance.businessId,
    title: instance.title,
  };
}

export function instanceEvent(ctx: EventContext, instance: ApprovalInstance, type: 'start' | 'finish' | 'terminate'): EventPayload {
  const event: EventPayload = {
    ...envelope(ctx, 'bpms_instance_change'),
    ...common(instance),
    businessType: '',
    type,
    staffId: instance.originatorUserId,
    createTime: instance.createTime,
    url: ctx.approvalUrl(instance),
  };
  if (type !== 'start') event.finishTime = instance.finishTime;
  if (type === 'finish') event.result = instance.result;
  return event;
}

export function taskEvent(ctx: EventContext, instance: ApprovalInstance, task: ApprovalTask, type: 'start' | 'finish' | 'cancel'): EventPayload {
  const event: EventPayload = {
    ...envelope(ctx, 'bpms_task_change'),
    ...common(instance),
    taskId: task.taskId,
    type,
    staffId: task.userId,
    createTime: task.createTime,
  };
  if (type !== 'start') event.finishTime = task.finishTime;
  if (type === 'finish') {
    event.result = task.result === 'REFUSE' ? 'refuse' : 'agree';
    event.remark = task.remark ?? '';
  }
  return event;
}
