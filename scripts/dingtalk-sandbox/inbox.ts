import { isRecord } from './http.js';
import { findUser, type Org } from './org.js';
import type { NotificationRecord, SandboxState } from './state.js';
import { todosOf } from './todos.js';

/** A user's view for the sandbox page: notifications rendered to plain fields, approval tasks and todos. */

export const SANDBOX_USER_PARAM = 'sandboxUser';

/**
 * Where a message link leads in a plain browser: the inner URL of `dingtalk://dingtalkclient/page/link?url=`
 * (or of openapp `redirect_url`, or of the hybrid panel `pageUrl`), with `$CORPID$` filled in and the
 * sandbox login hint `?sandboxUser=<userId>` added. Null for anything that is not http(s).
 */
export function browserUrl(link: unknown, userId: string, corpId: string): string | null {
  if (typeof link !== 'string' || link === '') return null;
  let target = link;
  if (link.startsWith('dingtalk://')) {
    if (!URL.canParse(link)) return null;
    const parsed = new URL(link);
    target = parsed.searchParams.get('url') ?? parsed.searchParams.get('redirect_url') ?? parsed.searchParams.get('pageUrl') ?? '';
  }
  target = target.replaceAll('$CORPID$', corpId).replaceAll('%24CORPID%24', corpId);
  if (!URL.canParse(target)) return null;
  const url = new URL(target);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.searchParams.set(SANDBOX_USER_PARAM, userId);
  return url.href;
}

export interface NoticeView {
  taskId: number;
  at: number;
  read: boolean;
  msgtype: string;
  title: string;
  text: string;
  form: Array<{ key: string; value: string }>;
  buttons: Array<{ title: string; url: string | null; raw: string }>;
}

export function noticeView(notice: NotificationRecord, userId: string, corpId: string): NoticeView {
  const msgtype = String(notice.msg.msgtype);
  const inner = isRecord(notice.msg[msgtype]) ? (notice.msg[msgtype] as Record<string, unknown>) : {};
  const str = (value: unknown) => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
  const button = (title: unknown, link: unknown) => ({ title: str(title) || '查看详情', url: browserUrl(link, userId, corpId), raw: str(link) });
  const view: NoticeView = { taskId: notice.taskId, at: notice.at, read: notice.read, msgtype, title: '', text: '', form: [], buttons: [] };

  switch (msgtype) {
    case 'text':
      view.title = '文本消息';
      view.text = str(inner.content);
      break;
    case 'markdown':
      view.title = str(inner.title);
      view.text = str(inner.text);
      break;
    case 'link':
      view.title = str(inner.title);
      view.text = str(inner.text);
      view.buttons = [button('查看详情', inner.messageUrl)];
      break;
    case 'action_card':
      view.title = str(inner.title);
      view.text = str(inner.markdown);
      view.buttons = Array.isArray(inner.btn_json_list)
        ? inner.btn_json_list.filter(isRecord).map((b) => button(b.title, b.action_url))
        : [button(inner.single_title, inner.single_url)];
      break;
    case 'oa': {
      const head = isRecord(inner.head) ? inner.head : {};
      const body = isRecord(inner.body) ? inner.body : {};
      view.title = str(body.title) || str(head.text);
      view.text = str(body.content);
      view.form = Array.isArray(body.form) ? body.form.filter(isRecord).map((f) => ({ key: str(f.key), value: str(f.value) })) : [];
      view.buttons = [button('查看详情', inner.message_url)];
      break;
    }
    default:
      view.title = `${msgtype} 消息`;
  }
  return view;
}

export function buildInbox(state: SandboxState, org: Org, corpId: string, h5Url: string, userId: string) {
  const user = findUser(org, userId);
  if (!user) return undefined;
  const notices = [...(state.notifications.get(userId) ?? [])].reverse().map((notice) => noticeView(notice, userId, corpId));
  const approvals = [...state.approvals.values()]
    .filter((instance) => instance.tasks.some((task) => task.userId === userId))
    .reverse()
    .map((instance) => {
      const mine = instance.tasks.filter((task) => task.userId === userId);
      const task = mine.find((t) => t.status === 'RUNNING') ?? mine[mine.length - 1];
      return {
        instanceId: instance.instanceId,
        title: instance.title,
        status: instance.status,
        result: instance.result ?? null,
        createTime: instance.createTime,
        originatorName: findUser(org, instance.originatorUserId)?.name ?? instance.originatorUserId,
        formComponentValues: instance.formComponentValues.map(({ name, value }) => ({ name, value })),
        task: task ? { taskId: task.taskId, status: task.status, result: task.result, remark: task.remark ?? '' } : null,
      };
    });
  const todos = todosOf(state, user.unionId).map((todo) => ({
    id: todo.id,
    subject: todo.subject,
    done: todo.done,
    dueTime: todo.dueTime ?? null,
    url: browserUrl(todo.detailUrl.appUrl, userId, corpId),
  }));
  return {
    user: { userId: user.userId, name: user.name, title: user.title },
    h5Url: h5Url ? browserUrl(h5Url, userId, corpId) : null,
    notifications: notices,
    approvals,
    todos,
  };
}
