import { randomUUID } from 'node:crypto';
import { instanceEvent, taskEvent, type EventContext, type EventPayload } from './events.js';
import { formLabels } from './forms.js';
import { apiError, dingTime, isRecord } from './http.js';
import { findDepartment, findUser, type Org } from './org.js';
import type { ApprovalInstance, ApprovalTask, ApproverNode, Decision, FormComponentValue, SandboxState } from './state.js';

/**
 * Approval instances (DINGTALK.md §3.1–3.4, §3.7). Approver nodes run in order; an AND node needs
 * every approver to agree, an OR node the first one (the others are cancelled), a NONE node has one
 * approver. Any refusal ends the instance as COMPLETED/refuse. Every change emits the events
 * DingTalk would push, in DingTalk's order.
 */
export interface ApprovalDeps {
  state: SandboxState;
  org: Org;
  events: EventContext;
  emit: (events: EventPayload[]) => void;
  /** DingTalk refuses to terminate within 15 s of creation; the sandbox default is 0. */
  terminateMinAgeMs: number;
}

const MAX_VALUE_LENGTH = 65_535;

export function startInstance(deps: ApprovalDeps, input: Record<string, unknown>): ApprovalInstance {
  const { state, org } = deps;
  const now = deps.events.now();
  const processCode = input.processCode;
  if (typeof processCode !== 'string' || processCode === '') throw apiError(400, 'invalidParameter', 'processCode is mandatory');
  const form = state.forms.get(processCode);
  if (!form) throw apiError(400, 'processCodeError', `模板不存在: ${processCode}`);

  const originatorUserId = input.originatorUserId;
  const originator = typeof originatorUserId === 'string' ? findUser(org, originatorUserId) : undefined;
  if (!originator) throw apiError(400, 'processInstanceInvalidParameter', `发起人不存在: ${String(originatorUserId)}`);

  const deptId = input.deptId === undefined || input.deptId === null ? undefined : Number(input.deptId);
  if (deptId !== undefined && (!Number.isInteger(deptId) || (deptId !== -1 && !originator.deptIds.includes(deptId)))) {
    throw apiError(400, 'processInstanceInvalidParameter', `发起人不在部门 ${String(input.deptId)}`);
  }

  const approvers = parseApprovers(org, input.approvers, deptId);
  const formComponentValues = parseFormValues(input.formComponentValues, formLabels(form));
  const ccList = parseUserIds(org, input.ccList, 'ccList', 50);

  const originatorDeptId = deptId ?? originator.deptIds[0] ?? -1;
  const instance: ApprovalInstance = {
    instanceId: randomUUID(),
    processCode,
    title: `${originator.name}提交的${form.name}`,
    businessId: businessId(now),
    originatorUserId: originator.userId,
    originatorDeptId,
    status: 'RUNNING',
    createTime: now,
    formComponentValues,
    approvers,
    ccList,
    currentNode: 0,
    tasks: [],
    operationRecords: [{ userId: originator.userId, date: now, type: 'START_PROCESS_INSTANCE', result: 'NONE', showName: '发起审批' }],
  };
  state.approvals.set(instance.instanceId, instance);
  const events: EventPayload[] = [instanceEvent(deps.events, instance, 'start')];
  events.push(...activateNode(deps, instance, 0));
  deps.emit(events);
  return instance;
}

export interface ExecuteInput {
  processInstanceId: string;
  taskId: number;
  actionerUserId: string;
  result: Decision;
  remark?: string;
}

export function executeTask(deps: ApprovalDeps, input: ExecuteInput): ApprovalTask {
  const instance = requireInstance(deps.state, input.processInstanceId);
  if (instance.status !== 'RUNNING') throw apiError(400, 'invalidParameter', `审批实例已结束 (${instance.status})`);
  const task = instance.tasks.find((t) => t.taskId === input.taskId);
  if (!task) throw apiError(400, 'invalidParameter', `任务不存在: ${input.taskId}`);
  if (task.userId !== input.actionerUserId) throw apiError(400, 'invalidParameter', `任务 ${input.taskId} 的处理人不是 ${input.actionerUserId}`);
  if (task.status !== 'RUNNING') throw apiError(400, 'invalidParameter', `任务 ${input.taskId} 已处理 (${task.status})`);
  if (input.remark !== undefined && input.remark.length > 1024) throw apiError(400, 'invalidParameter', 'remark ≤ 1024 chars');

  const now = deps.events.now();
  task.status = 'COMPLETED';
  task.result = input.result === 'agree' ? 'AGREE' : 'REFUSE';
  task.remark = input.remark ?? '';
  task.finishTime = now;
  instance.operationRecords.push({
    userId: task.userId,
    date: now,
    type: 'EXECUTE_TASK_NORMAL',
    result: task.result,
    remark: task.remark,
    activityId: task.activityId,
    showName: '审批人',
  });
  const events: EventPayload[] = [taskEvent(deps.events, instance, task, 'finish')];

  if (input.result === 'refuse') {
    events.push(...cancelRunning(deps, instance, () => true));
    events.push(...finish(deps, instance, 'refuse'));
  } else {
    const node = instance.approvers[task.nodeIndex];
    const nodeTasks = instance.tasks.filter((t) => t.nodeIndex === task.nodeIndex);
    if (node?.actionType === 'OR') events.push(...cancelRunning(deps, instance, (t) => t.nodeIndex === task.nodeIndex));
    const nodeDone = node?.actionType === 'OR' || nodeTasks.every((t) => t.status === 'COMPLETED');
    if (nodeDone) {
      const next = task.nodeIndex + 1;
      events.push(...(next < instance.approvers.length ? activateNode(deps, instance, next) : finish(deps, instance, 'agree')));
    }
  }
  deps.emit(events);
  return task;
}

export interface TerminateInput {
  processInstanceId: string;
  isSystem: boolean;
  operatingUserId?: string;
  remark?: string;
}

export function terminateInstance(deps: ApprovalDeps, input: TerminateInput): ApprovalInstance {
  const instance = requireInstance(deps.state, input.processInstanceId);
  const now = deps.events.now();
  if (instance.status !== 'RUNNING') throw apiError(400, 'invalidParameter', `只有审批中的实例可以撤销 (${instance.status})`);
  if (now - instance.createTime < deps.terminateMinAgeMs) throw apiError(400, 'invalidParameter', '审批实例创建后15秒内不允许撤销');
  if (!input.isSystem && input.operatingUserId !== instance.originatorUserId) {
    throw apiError(400, 'invalidParameter', 'isSystem=false 时 operatingUserId 必须是发起人');
  }
  for (const task of instance.tasks) {
    if (task.status === 'RUNNING') {
      task.status = 'CANCELED';
      task.finishTime = now;
    }
  }
  instance.status = 'TERMINATED';
  instance.finishTime = now;
  instance.operationRecords.push({
    userId: input.operatingUserId ?? instance.originatorUserId,
    date: now,
    type: 'TERMINATE_PROCESS_INSTANCE',
    result: 'NONE',
    remark: input.remark ?? '',
    showName: '撤销',
  });
  deps.emit([instanceEvent(deps.events, instance, 'terminate')]);
  return instance;
}

export function requireInstance(state: SandboxState, instanceId: string): ApprovalInstance {
  const instance = state.approvals.get(instanceId);
  if (!instance) throw apiError(400, 'processInstanceNotExist', `审批实例不存在: ${instanceId}`);
  return instance;
}

/** `GET /v1.0/workflow/processInstances` result, field by field as DingTalk returns it. */
export function presentInstance(org: Org, instance: ApprovalInstance, approvalUrl: string) {
  const dept = instance.originatorDeptId === -1 ? org.departments.find((d) => d.parentId === null) : findDepartment(org, instance.originatorDeptId);
  return {
    title: instance.title,
    createTime: dingTime(instance.createTime),
    ...(instance.finishTime === undefined ? {} : { finishTime: dingTime(instance.finishTime) }),
    originatorUserId: instance.originatorUserId,
    originatorDeptId: String(instance.originatorDeptId),
    originatorDeptName: dept?.name ?? '',
    status: instance.status,
    ...(instance.result === undefined ? {} : { result: instance.result }),
    businessId: instance.businessId,
    bizAction: 'NONE',
    bizData: '',
    attachedProcessInstanceIds: [],
    mainProcessInstanceId: '',
    approverUserIds: instance.approvers.flatMap((node) => node.userIds),
    ccUserIds: instance.ccList,
    formComponentValues: instance.formComponentValues.map((value) => ({
      id: value.id ?? '',
      name: value.name,
      value: value.value,
      extValue: value.extValue ?? '',
      componentType: value.componentType ?? '',
      bizAlias: value.bizAlias ?? '',
    })),
    tasks: instance.tasks.map((task) => ({
      taskId: task.taskId,
      userId: task.userId,
      status: task.status,
      result: task.result,
      activityId: task.activityId,
      createTime: dingTime(task.createTime),
      ...(task.finishTime === undefined ? {} : { finishTime: dingTime(task.finishTime) }),
      processInstanceId: instance.instanceId,
      pcUrl: `${approvalUrl}&taskId=${task.taskId}`,
      mobileUrl: `${approvalUrl}&taskId=${task.taskId}`,
    })),
    operationRecords: instance.operationRecords.map((record) => ({
      userId: record.userId,
      date: dingTime(record.date),
      type: record.type,
      result: record.result,
      remark: record.remark ?? '',
      activityId: record.activityId ?? '',
      showName: record.showName,
      images: [],
      attachments: [],
      ccUserIds: [],
    })),
  };
}

function activateNode(deps: ApprovalDeps, instance: ApprovalInstance, nodeIndex: number): EventPayload[] {
  const node = instance.approvers[nodeIndex];
  if (!node) return [];
  instance.currentNode = nodeIndex;
  const now = deps.events.now();
  return node.userIds.map((userId) => {
    const task: ApprovalTask = {
      taskId: deps.state.nextTaskId++,
      userId,
      activityId: `sid-approver-${nodeIndex + 1}`,
      nodeIndex,
      status: 'RUNNING',
      result: 'NONE',
      createTime: now,
    };
    instance.tasks.push(task);
    return taskEvent(deps.events, instance, task, 'start');
  });
}

function cancelRunning(deps: ApprovalDeps, instance: ApprovalInstance, which: (task: ApprovalTask) => boolean): EventPayload[] {
  const now = deps.events.now();
  return instance.tasks
    .filter((task) => task.status === 'RUNNING' && which(task))
    .map((task) => {
      task.status = 'CANCELED';
      task.finishTime = now;
      return taskEvent(deps.events, instance, task, 'cancel');
    });
}

function finish(deps: ApprovalDeps, instance: ApprovalInstance, result: Decision): EventPayload[] {
  instance.status = 'COMPLETED';
  instance.result = result;
  instance.finishTime = deps.events.now();
  return [instanceEvent(deps.events, instance, 'finish')];
}

function parseApprovers(org: Org, raw: unknown, deptId: number | undefined): ApproverNode[] {
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) {
    if (deptId === undefined) throw apiError(400, 'invalidParameter', 'deptId is mandatory when approvers is empty');
    throw apiError(400, 'invalidParameter', 'sandbox: 模板未配置审批流，请传 approvers');
  }
  if (!Array.isArray(raw) || raw.length > 20) throw apiError(400, 'invalidParameter', 'approvers must be an array of ≤20 nodes');
  return raw.map((node, index) => {
    if (!isRecord(node) || !['AND', 'OR', 'NONE'].includes(String(node.actionType))) {
      throw apiError(400, 'invalidParameter', `approvers[${index}].actionType must be AND, OR or NONE`);
    }
    const userIds = parseUserIds(org, node.userIds, `approvers[${index}].userIds`, 100);
    if (userIds.length === 0) throw apiError(400, 'invalidParameter', `approvers[${index}].userIds is empty`);
    if (node.actionType === 'NONE' && userIds.length !== 1) throw apiError(400, 'invalidParameter', `approvers[${index}]: NONE takes exactly one approver`);
    return { actionType: node.actionType as ApproverNode['actionType'], userIds };
  });
}

function parseUserIds(org: Org, raw: unknown, field: string, max: number): string[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.length > max || raw.some((id) => typeof id !== 'string')) {
    throw apiError(400, 'invalidParameter', `${field} must be an array of ≤${max} userIds`);
  }
  for (const userId of raw as string[]) {
    if (!findUser(org, userId)) throw apiError(400, 'processInstanceInvalidParameter', `${field}: 用户不存在 ${userId}`);
  }
  return raw as string[];
}

function parseFormValues(raw: unknown, form: { labels: Set<string>; required: string[] }): FormComponentValue[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 150) {
    throw apiError(400, 'invalidParameter', 'formComponentValues is mandatory (1..150 items)');
  }
  const values = raw.map((item): FormComponentValue => {
    const name = isRecord(item) && typeof item.name === 'string' ? item.name : undefined;
    if (!isRecord(item) || name === undefined || typeof item.value !== 'string' || item.value.length > MAX_VALUE_LENGTH) {
      throw apiError(400, 'formConverterError', `表单数据校验失败，失败控件：${name ?? '(无名称)'}`);
    }
    if (form.labels.size > 0 && !form.labels.has(name)) throw apiError(400, 'formConverterError', `表单数据校验失败，失败控件：${name}`);
    const value: FormComponentValue = { name, value: item.value };
    for (const key of ['id', 'extValue', 'componentType', 'bizAlias'] as const) {
      if (typeof item[key] === 'string') value[key] = item[key];
    }
    return value;
  });
  for (const label of form.required) {
    if (!values.some((value) => value.name === label && value.value !== '')) {
      throw apiError(400, 'formConverterError', `表单数据校验失败，失败控件：${label}`);
    }
  }
  return values;
}

/** DingTalk's 审批编号: local (UTC+8) yyyyMMddHHmm + 6 digits. */
function businessId(now: number): string {
  const local = new Date(now + 8 * 3600_000).toISOString();
  const stamp = local.slice(0, 16).replace(/[-T:]/g, '');
  return `${stamp}${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
}

const LIST_WINDOW_MS = 120 * 24 * 3600_000;

/** `POST /v1.0/workflow/processes/instanceIds/query` (DINGTALK.md §3.2): paged ids, oldest first. */
export function listInstanceIds(state: SandboxState, input: Record<string, unknown>): { list: string[]; nextToken?: string } {
  const { processCode, startTime, endTime, nextToken, maxResults, userIds, statuses } = input;
  if (typeof processCode !== 'string' || processCode === '') throw apiError(400, 'invalidParameter', 'processCode is mandatory');
  if (typeof startTime !== 'number') throw apiError(400, 'invalidParameter', 'startTime is mandatory');
  const end = typeof endTime === 'number' ? endTime : startTime + LIST_WINDOW_MS;
  if (end - startTime > LIST_WINDOW_MS) throw apiError(400, 'invalidParameter', 'the time window is at most 120 days');
  const size = maxResults === undefined ? 20 : Number(maxResults);
  if (!Number.isInteger(size) || size < 1 || size > 20) throw apiError(400, 'invalidParameter', 'maxResults must be 1..20');
  const offset = nextToken === undefined || nextToken === null ? 0 : Number(nextToken);
  if (!Number.isInteger(offset) || offset < 0) throw apiError(400, 'invalidParameter', 'bad nextToken');
  const users = Array.isArray(userIds) ? userIds.filter((u): u is string => typeof u === 'string') : null;
  if (users && users.length > 10) throw apiError(400, 'invalidParameter', 'userIds ≤ 10');
  const wanted = Array.isArray(statuses) ? statuses.filter((v): v is string => typeof v === 'string') : null;
  const matching = [...state.approvals.values()]
    .filter((a) => a.processCode === processCode && a.createTime >= startTime && a.createTime <= end)
    .filter((a) => !users || users.includes(a.originatorUserId))
    .filter((a) => !wanted || wanted.includes(a.status))
    .sort((a, b) => a.createTime - b.createTime)
    .map((a) => a.instanceId);
  const list = matching.slice(offset, offset + size);
  return offset + size < matching.length ? { list, nextToken: String(offset + size) } : { list };
}
