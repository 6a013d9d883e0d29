/**
 * The sandbox's own page at `/`: pick a user, read their work notifications and todos (links open the
 * H5 app as that user), decide their approval tasks as if in DingTalk's approval screen. Plain HTML + inline JS;
 * all data comes from /__sandbox/org and /__sandbox/users/:userId/inbox, all text is set via textContent.
 */
export function renderPage(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>钉钉沙箱</title>
<style>
  :root { --blue: #1677ff; --green: #00b42a; --red: #f53f3f; --grey: #86909c; --bg: #f2f3f5; }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { margin: 0; font: 15px/1.5 -apple-system, "PingFang SC", "Microsoft YaHei", sans-serif; background: var(--bg); color: #1d2129; }
  header { position: sticky; top: 0; z-index: 1; background: var(--blue); color: #fff; padding: 10px 14px; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 17px; margin: 0; flex: 1 0 auto; }
  header select { font-size: 15px; padding: 4px 6px; border-radius: 6px; border: 0; max-width: 100%; }
  main { max-width: 720px; margin: 0 auto; padding: 10px; }
  h2 { font-size: 15px; color: var(--grey); margin: 18px 4px 8px; font-weight: 500; }
  .card { background: #fff; border-radius: 10px; padding: 12px 14px; margin-bottom: 10px; box-shadow: 0 1px 2px rgba(0,0,0,.04); }
  .card.unread { border-left: 4px solid var(--blue); }
  .title { font-weight: 600; margin-bottom: 4px; }
  .meta { color: var(--grey); font-size: 12px; }
  .text { white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 6px 0; font-size: 14px; }
  dt { color: var(--grey); } dd { margin: 0; word-break: break-word; white-space: pre-wrap; }
  .row { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
  a.btn, button { display: inline-block; font-size: 15px; padding: 8px 16px; border-radius: 6px; border: 1px solid var(--blue); background: #fff; color: var(--blue); text-decoration: none; cursor: pointer; }
  button.agree { background: var(--green); border-color: var(--green); color: #fff; }
  button.refuse { background: #fff; border-color: var(--red); color: var(--red); }
  button:disabled { opacity: .5; }
  input.remark { flex: 1 1 100%; font-size: 15px; padding: 8px; border: 1px solid #e5e6eb; border-radius: 6px; }
  .tag { display: inline-block; font-size: 12px; padding: 0 6px; border-radius: 4px; background: #e8f3ff; color: var(--blue); margin-left: 6px; }
  .tag.agree { background: #e8ffea; color: var(--green); } .tag.refuse { background: #ffece8; color: var(--red); }
  .empty { color: var(--grey); text-align: center; padding: 16px; }
  a.btn.h5 { display: block; text-align: center; margin: 10px 0; background: var(--blue); color: #fff; }
  #error { color: var(--red); }
</style>
</head>
<body>
<header>
  <h1>钉钉沙箱</h1>
  <label>当前用户 <select id="user" aria-label="选择用户"></select></label>
</header>
<main>
  <p id="error" role="alert"></p>
  <a id="openH5" class="btn h5" target="_blank" rel="noopener" hidden>以此用户打开H5应用</a>
  <h2>待我审批 / 审批记录</h2>
  <section id="approvals"></section>
  <h2>待办</h2>
  <section id="todos"></section>
  <h2>工作通知</h2>
  <section id="notices"></section>
</main>
<script>
(() => {
  const $ = (id) => document.getElementById(id);
  const params = new URLSearchParams(location.search);
  let userId = params.get('user') || '';
  let lastJson = '';
  const STATUS = { RUNNING: '审批中', COMPLETED: '已完成', TERMINATED: '已撤销', CANCELED: '已取消', NEW: '未开始' };
  const RESULT = { agree: '已同意', refuse: '已拒绝', AGREE: '已同意', REFUSE: '已拒绝' };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') node.className = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const time = (ms) => new Date(ms).toLocaleString('zh-CN', { hour12: false });
  const tag = (text, cls) => el('span', { class: 'tag ' + (cls || '') }, text);
  function fields(list) {
    if (!list.length) return null;
    const dl = el('dl');
    for (const item of list) dl.append(el('dt', {}, item.key), el('dd', {}, item.value));
    return dl;
  }

  async function api(method, path, body) {
    const res = await fetch(path, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
    const data = await res.json();
    if (!res.ok) throw new Error((data.error && data.error.message) || res.statusText);
    return data;
  }

  function renderNotices(list) {
    const box = $('notices');
    box.replaceChildren();
    if (!list.length) return box.append(el('div', { class: 'empty' }, '暂无工作通知'));
    for (const n of list) {
      const row = el('div', { class: 'row' });
      for (const b of n.buttons) {
        if (b.url) row.append(el('a', { class: 'btn', href: b.url, target: '_blank', rel: 'noopener', onclick: () => markRead(n.taskId) }, b.title));
        else row.append(el('span', { class: 'meta' }, b.title + '（无法在浏览器打开：' + b.raw + '）'));
      }
      box.append(el('div', { class: 'card' + (n.read ? '' : ' unread') },
        el('div', { class: 'title' }, n.title || '(无标题)'),
        el('div', { class: 'meta' }, time(n.at) + ' · ' + n.msgtype + (n.read ? ' · 已读' : ' · 未读')),
        n.text ? el('div', { class: 'text' }, n.text) : null,
        fields(n.form),
        row.childNodes.length ? row : null));
    }
  }

  function renderTodos(list) {
    const box = $('todos');
    box.replaceChildren();
    if (!list.length) return box.append(el('div', { class: 'empty' }, '暂无待办'));
    for (const t of list) {
      box.append(el('div', { class: 'card' },
        el('div', { class: 'title' }, t.subject, t.done ? tag('已完成', 'agree') : tag('待完成')),
        t.dueTime ? el('div', { class: 'meta' }, '截止 ' + time(t.dueTime)) : null,
        t.url ? el('div', { class: 'row' }, el('a', { class: 'btn', href: t.url, target: '_blank', rel: 'noopener' }, '查看详情')) : null));
    }
  }

  function renderApprovals(list) {
    const box = $('approvals');
    box.replaceChildren();
    if (!list.length) return box.append(el('div', { class: 'empty' }, '暂无审批任务'));
    for (const a of list) {
      const status = a.status === 'COMPLETED' ? tag(RESULT[a.result] || '已完成', a.result) : tag(STATUS[a.status] || a.status);
      const card = el('div', { class: 'card' },
        el('div', { class: 'title' }, a.title, status),
        el('div', { class: 'meta' }, '发起人 ' + a.originatorName + ' · ' + time(a.createTime)),
        fields(a.formComponentValues.map((v) => ({ key: v.name, value: v.value }))));
      if (a.task && a.task.status === 'RUNNING') {
        const remark = el('input', { class: 'remark', placeholder: '审批意见（选填）', maxlength: '1024' });
        const decide = (result) => async (event) => {
          event.target.disabled = true;
          try { await api('POST', '/__sandbox/approvals/' + encodeURIComponent(a.instanceId) + '/decide', { userId, result, remark: remark.value || undefined }); $('error').textContent = ''; }
          catch (err) { $('error').textContent = '操作失败：' + err.message; }
          lastJson = '';
          refresh();
        };
        card.append(el('div', { class: 'row' }, remark,
          el('button', { class: 'agree', onclick: decide('agree') }, '同意'),
          el('button', { class: 'refuse', onclick: decide('refuse') }, '拒绝')));
      } else if (a.task) {
        card.append(el('div', { class: 'meta' }, '我的处理：' + (RESULT[a.task.result] || STATUS[a.task.status] || a.task.status) + (a.task.remark ? '，意见：' + a.task.remark : '')));
      }
      box.append(card);
    }
  }

  async function markRead(taskId) {
    try { await api('POST', '/__sandbox/notifications/read', { userId, taskId }); } catch (err) { $('error').textContent = err.message; }
  }

  async function refresh() {
    if (!userId) return;
    if (document.activeElement && document.activeElement.classList.contains('remark') && document.activeElement.value) return;
    try {
      const inbox = await api('GET', '/__sandbox/users/' + encodeURIComponent(userId) + '/inbox');
      const json = JSON.stringify(inbox);
      if (json === lastJson) return;
      lastJson = json;
      const link = $('openH5');
      link.hidden = !inbox.h5Url;
      if (inbox.h5Url) link.href = inbox.h5Url;
      renderApprovals(inbox.approvals);
      renderTodos(inbox.todos);
      renderNotices(inbox.notifications);
      $('error').textContent = '';
    } catch (err) {
      $('error').textContent = '加载失败：' + err.message;
    }
  }

  async function start() {
    const org = await api('GET', '/__sandbox/org');
    const select = $('user');
    for (const u of org.users) select.append(el('option', { value: u.userId }, u.name + ' · ' + u.title));
    if (!org.users.some((u) => u.userId === userId)) userId = org.users[0] ? org.users[0].userId : '';
    select.value = userId;
    select.addEventListener('change', () => {
      userId = select.value;
      lastJson = '';
      history.replaceState(null, '', '?user=' + encodeURIComponent(userId));
      refresh();
    });
    refresh();
    setInterval(refresh, 2000);
  }
  start().catch((err) => { $('error').textContent = '加载失败：' + err.message; });
})();
</script>
</body>
</html>`;
}
