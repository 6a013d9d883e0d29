import { isRecord, oapiError } from './http.js';
import { departmentTree, findDepartment, findUser, type Org } from './org.js';
import type { SandboxState, SendTask } from './state.js';

/**
 * Work notifications (DINGTALK.md §4). Sending only means "accepted"; per-user outcomes show up in
 * getsendresult. Identical content to the same user is delivered once per day, later copies are
 * silently filtered (forbidden, code 143106); more than 500 a day per user is filtered (143105).
 */

const MSG_TYPES = ['text', 'markdown', 'link', 'image', 'file', 'voice', 'action_card', 'oa'] as const;
const MAX_MSG_BYTES = 2048;
const DAILY_LIMIT_PER_USER = 500;

export interface SendInput {
  agentId: number;
  useridList?: string;
  deptIdList?: string;
  toAllUser: boolean;
  msg: unknown;
}

export function sendWorkNotice(state: SandboxState, org: Org, now: number, input: SendInput): SendTask {
  const msg = parseMsg(input.msg);
  const userIds = splitList(input.useridList);
  const deptIds = splitList(input.deptIdList);
  if (userIds.length === 0 && deptIds.length === 0 && !input.toAllUser) {
    throw oapiError(400002, '不合法的参数: userid_list、dept_id_list、to_all_user 至少需要一个');
  }

  const task: SendTask = {
    taskId: state.nextSendTaskId++,
    agentId: input.agentId,
    msg,
    at: now,
    result: {
      invalid_user_id_list: [],
      forbidden_user_id_list: [],
      failed_user_id_list: [],
      read_user_id_list: [],
      unread_user_id_list: [],
      invalid_dept_id_list: [],
      forbidden_list: [],
    },
  };

  const recipients = new Set<string>();
  for (const userId of userIds) {
    if (findUser(org, userId)) recipients.add(userId);
    else task.result.invalid_user_id_list.push(userId);
  }
  for (const raw of deptIds) {
    const deptId = Number(raw);
    if (!Number.isInteger(deptId) || !findDepartment(org, deptId)) {
      task.result.invalid_dept_id_list.push(raw);
      continue;
    }
    const tree = departmentTree(org, deptId);
    for (const user of org.users) if (user.deptIds.some((id) => tree.includes(id))) recipients.add(user.userId);
  }
  if (input.toAllUser) for (const user of org.users) recipients.add(user.userId);

  const content = canonicalJson(msg);
  const day = dayKey(now);
  for (const userId of recipients) {
    const seen = state.sentContent.get(userId) ?? new Map<string, string>();
    state.sentContent.set(userId, seen);
    const inbox = state.notifications.get(userId) ?? [];
    const todayCount = inbox.filter((notice) => dayKey(notice.at) === day).length;
    if (seen.get(content) === day) {
      forbid(task, userId, '143106');
    } else if (todayCount >= DAILY_LIMIT_PER_USER) {
      forbid(task, userId, '143105');
    } else {
      seen.set(content, day);
      inbox.push({ taskId: task.taskId, agentId: input.agentId, msg, at: now, read: false });
      state.notifications.set(userId, inbox);
      task.result.unread_user_id_list.push(userId);
    }
  }
  state.sendTasks.set(task.taskId, task);
  return task;
}

export function requireSendTask(state: SandboxState, agentId: number, taskId: number): SendTask {
  const task = state.sendTasks.get(taskId);
  if (!task || task.agentId !== agentId) throw oapiError(400002, `不合法的参数: task_id ${taskId} 不存在`);
  return task;
}

/** The user opened the notification (sandbox page): it moves from unread to read. */
export function markRead(state: SandboxState, userId: string, taskId: number): boolean {
  const notice = state.notifications.get(userId)?.find((n) => n.taskId === taskId);
  if (!notice) return false;
  notice.read = true;
  const task = state.sendTasks.get(taskId);
  if (task && task.result.unread_user_id_list.includes(userId)) {
    task.result.unread_user_id_list = task.result.unread_user_id_list.filter((id) => id !== userId);
    task.result.read_user_id_list.push(userId);
  }
  return true;
}

function forbid(task: SendTask, userId: string, code: string): void {
  task.result.forbidden_user_id_list.push(userId);
  task.result.forbidden_list.push({ code, count: 1, userid: userId });
}

function parseMsg(raw: unknown): Record<string, unknown> {
  let msg = raw;
  if (typeof raw === 'string') {
    try {
      msg = JSON.parse(raw);
    } catch (error) {
      throw oapiError(400002, `不合法的参数: msg 不是合法的 JSON (${(error as Error).message})`);
    }
  }
  if (!isRecord(msg)) throw oapiError(400002, '不合法的参数: msg is mandatory');
  const type = msg.msgtype;
  if (typeof type !== 'string' || !(MSG_TYPES as readonly string[]).includes(type)) {
    throw oapiError(400002, `不合法的参数: 不支持的 msgtype ${String(type)}`);
  }
  const inner = msg[type];
  if (!isRecord(inner)) throw oapiError(400002, `不合法的参数: msg.${type} is mandatory`);
  const missing = requiredFields(type, inner).filter((field) => typeof inner[field] !== 'string' || inner[field] === '');
  if (missing.length > 0) throw oapiError(400002, `不合法的参数: msg.${type} 缺少 ${missing.join(', ')}`);
  if (type === 'action_card' && typeof inner.single_url !== 'string' && !Array.isArray(inner.btn_json_list)) {
    throw oapiError(400002, '不合法的参数: action_card 需要 single_title/single_url 或 btn_json_list');
  }
  if (Buffer.byteLength(JSON.stringify(msg), 'utf8') > MAX_MSG_BYTES) throw oapiError(400002, `不合法的参数: msg 超过 ${MAX_MSG_BYTES} 字节`);
  return msg;
}

function requiredFields(type: string, inner: Record<string, unknown>): string[] {
  switch (type) {
    case 'text':
      return ['content'];
    case 'markdown':
      return ['title', 'text'];
    case 'link':
      return ['messageUrl', 'title', 'text'];
    case 'action_card':
      return typeof inner.single_url === 'string' ? ['title', 'markdown', 'single_title', 'single_url'] : ['title', 'markdown'];
    case 'oa':
      return ['message_url'];
    default:
      return ['media_id'];
  }
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** DingTalk's "per day" is the China calendar day (UTC+8). */
function dayKey(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

/** JSON with object keys sorted, so re-ordered but identical content counts as identical. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
