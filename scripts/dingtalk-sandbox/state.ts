import { randomBytes } from 'node:crypto';

/** Everything the sandbox remembers: in memory, saved to a JSON file when `stateFile` is set (persistence.ts); `resetState` empties it. */

export type InstanceStatus = 'RUNNING' | 'COMPLETED' | 'TERMINATED';
export type TaskStatus = 'NEW' | 'RUNNING' | 'PAUSED' | 'CANCELED' | 'COMPLETED' | 'TERMINATED';
export type TaskResult = 'AGREE' | 'REFUSE' | 'REDIRECTED' | 'NONE';
export type Decision = 'agree' | 'refuse';

export interface FormComponentValue {
  id?: string;
  name: string;
  value: string;
  extValue?: string;
  componentType?: string;
  bizAlias?: string;
}

export interface FormTemplate {
  processCode: string;
  name: string;
  description?: string;
  formComponents: Array<{ componentType: string; props: Record<string, unknown>; children?: unknown[] }>;
  templateConfig?: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

export interface ApproverNode {
  actionType: 'AND' | 'OR' | 'NONE';
  userIds: string[];
}

export interface ApprovalTask {
  taskId: number;
  userId: string;
  activityId: string;
  nodeIndex: number;
  status: TaskStatus;
  result: TaskResult;
  remark?: string;
  createTime: number;
  finishTime?: number;
}

export interface OperationRecord {
  userId: string;
  date: number;
  type: string;
  result: 'AGREE' | 'REFUSE' | 'NONE';
  remark?: string;
  activityId?: string;
  showName: string;
}

export interface ApprovalInstance {
  instanceId: string;
  processCode: string;
  title: string;
  businessId: string;
  originatorUserId: string;
  originatorDeptId: number;
  status: InstanceStatus;
  result?: Decision;
  createTime: number;
  finishTime?: number;
  formComponentValues: FormComponentValue[];
  approvers: ApproverNode[];
  ccList: string[];
  currentNode: number;
  tasks: ApprovalTask[];
  operationRecords: OperationRecord[];
}

export interface NotificationRecord {
  taskId: number;
  agentId: number;
  msg: Record<string, unknown>;
  at: number;
  read: boolean;
}

export interface SendTask {
  taskId: number;
  agentId: number;
  msg: Record<string, unknown>;
  at: number;
  result: {
    invalid_user_id_list: string[];
    forbidden_user_id_list: string[];
    failed_user_id_list: string[];
    read_user_id_list: string[];
    unread_user_id_list: string[];
    invalid_dept_id_list: string[];
    forbidden_list: Array<{ code: string; count: number; userid: string }>;
  };
}

export interface TodoTask {
  id: string;
  unionId: string;
  operatorId: string;
  subject: string;
  description?: string;
  dueTime?: number;
  executorIds: string[];
  participantIds: string[];
  detailUrl: { appUrl: string; pcUrl: string };
  sourceId?: string;
  creatorId: string;
  priority?: number;
  isOnlyShowExecutor?: boolean;
  done: boolean;
  createdTime: number;
  modifiedTime: number;
  /** Who changed the task last (the update's operatorId); the creating operator until then. */
  modifierId?: string;
  finishTime?: number;
  extra: Record<string, unknown>;
}

export type CallbackStatus = 'pending' | 'delivered' | 'failed' | 'dropped' | 'no_callback_url';

export interface CallbackRecord {
  index: number;
  eventId: string;
  eventType: string;
  type: string;
  processInstanceId?: string;
  taskId?: number;
  payload: Record<string, unknown>;
  status: CallbackStatus;
  httpStatus?: number;
  replyValid?: boolean;
  error?: string;
  durationMs?: number;
  redeliveryOf?: number;
  at: number;
}

export interface CallRecord {
  method: string;
  path: string;
  at: number;
  status?: number;
  fault?: FaultMode;
}

/**
 * `timeout` holds the request and never acts on it; `lost_response` acts on it (the instance is
 * created, the message sent) and then holds the answer, like a reply lost on the way back.
 */
export type FaultMode = 'http500' | 'timeout' | 'lost_response' | 'qps' | 'token_expired' | 'drop_callback';

export interface Fault {
  path: string;
  mode: FaultMode;
  remaining: number;
}

export interface AuthCode {
  userId: string;
  expiresAt: number;
  used: boolean;
}

/** A 智能人事 pre-entry (待入职); `onboardedUserId` once HR onboarded the person (the control API). */
export interface PreEntry {
  tmpUserId: string;
  name: string;
  mobile: string;
  preEntryTime?: number;
  agentId?: number;
  needSendPreEntryMsg: boolean;
  fields: Array<{ groupId?: string; fieldCode: string; value: string }>;
  createdAt: number;
  onboardedUserId?: string;
}

/** A person who joined the organisation through onboarding (beside the org file's users). */
export interface Employee {
  userId: string;
  /** Todos address people by unionId (§7.2). */
  unionId: string;
  name: string;
  mobile: string;
  joinedAt: number;
}

/** A departure as 智能人事 records it (§10.3); lastWorkDay in epoch ms. */
export interface Dismission {
  userId: string;
  name: string;
  lastWorkDay: number;
  voluntaryReason: string[];
  passiveReason: string[];
  reasonMemo: string;
  status: number;
}

export interface SandboxState {
  /** Public base URL once listening (used for approval page links); '' before. */
  baseUrl: string;
  callbackUrl?: string;
  tokens: Map<string, { expiresAt: number }>;
  authCodes: Map<string, AuthCode>;
  forms: Map<string, FormTemplate>;
  approvals: Map<string, ApprovalInstance>;
  sendTasks: Map<number, SendTask>;
  notifications: Map<string, NotificationRecord[]>;
  /** userId → canonical msg JSON → day key of the last delivery (DingTalk's once-per-day rule). */
  sentContent: Map<string, Map<string, string>>;
  todos: TodoTask[];
  callbacks: CallbackRecord[];
  calls: CallRecord[];
  faults: Fault[];
  nextTaskId: number;
  nextSendTaskId: number;
  /** 智能人事 (in memory only: not kept in the state file). */
  preEntries: PreEntry[];
  employees: Employee[];
  dismissions: Map<string, Dismission>;
}

export function createState(callbackUrl?: string): SandboxState {
  return {
    baseUrl: '',
    callbackUrl,
    tokens: new Map(),
    authCodes: new Map(),
    forms: new Map(),
    approvals: new Map(),
    sendTasks: new Map(),
    notifications: new Map(),
    sentContent: new Map(),
    todos: [],
    callbacks: [],
    calls: [],
    faults: [],
    nextTaskId: 80_000_000_001,
    nextSendTaskId: 290_000_000_001,
    preEntries: [],
    employees: [],
    dismissions: new Map(),
  };
}

/** Empties everything except where the sandbox listens and where it pushes callbacks. */
/** Forget everything that happened; form templates stay, like the company's OA back office. */
export function resetState(state: SandboxState): void {
  const fresh = createState(state.callbackUrl);
  Object.assign(state, { ...fresh, baseUrl: state.baseUrl, forms: state.forms });
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function randomId(length: number, alphabet: string = ALNUM): string {
  let out = '';
  for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
  return out;
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A JSON view of the state for `GET /__sandbox/state`. */
export function snapshotState(state: SandboxState) {
  const notifications: Record<string, Array<{ taskId: number; agentId: number; msg: Record<string, unknown>; at: number; read: boolean }>> = {};
  for (const [userId, list] of state.notifications) notifications[userId] = list;
  return {
    approvals: [...state.approvals.values()].map((instance) => ({
      instanceId: instance.instanceId,
      processCode: instance.processCode,
      title: instance.title,
      businessId: instance.businessId,
      originatorUserId: instance.originatorUserId,
      status: instance.status,
      result: instance.result ?? null,
      createTime: instance.createTime,
      finishTime: instance.finishTime ?? null,
      approvers: instance.approvers,
      formComponentValues: instance.formComponentValues,
      tasks: instance.tasks.map((task) => ({
        taskId: task.taskId,
        userId: task.userId,
        status: task.status,
        result: task.result,
        remark: task.remark ?? null,
        createTime: task.createTime,
        finishTime: task.finishTime ?? null,
      })),
    })),
    notifications,
    sendTasks: [...state.sendTasks.values()],
    todos: state.todos,
    callbacks: state.callbacks,
    calls: state.calls,
    forms: [...state.forms.values()],
    faults: state.faults,
    callbackUrl: state.callbackUrl ?? null,
    preEntries: state.preEntries,
    employees: state.employees,
    dismissions: [...state.dismissions.values()],
  };
}

export type StateSnapshot = ReturnType<typeof snapshotState>;
