import Router from '@koa/router';
import { requireToken } from '../auth.js';
import type { SandboxDeps } from '../deps.js';
import { body, oapiError, optionalString, requestId, requiredInteger, requiredString } from '../http.js';
import { requireSendTask, sendWorkNotice } from '../messages.js';
import { findPerson, userIdByMobile } from '../hrm.js';
import { findDepartment, findUser, type Org, type OrgUser } from '../org.js';

/** Old TOP APIs on oapi.dingtalk.com: work notifications (§4) and login/contacts (§5.2–5.3). */
export function oapiRouter(deps: SandboxDeps): Router {
  const router = new Router();
  const auth = requireToken(deps.tokens);
  const ok = (fields: Record<string, unknown>) => ({ errcode: 0, errmsg: 'ok', ...fields, request_id: requestId() });

  router.post('/topapi/message/corpconversation/asyncsend_v2', auth, (ctx) => {
    const input = body(ctx);
    const task = sendWorkNotice(deps.state, deps.org, deps.now(), {
      agentId: requiredInteger(ctx, input, 'agent_id'),
      useridList: optionalString(ctx, input, 'userid_list'),
      deptIdList: optionalString(ctx, input, 'dept_id_list'),
      toAllUser: input.to_all_user === true || input.to_all_user === 'true',
      msg: input.msg,
    });
    ctx.body = ok({ task_id: task.taskId });
  });

  router.post('/topapi/message/corpconversation/getsendresult', auth, (ctx) => {
    const input = body(ctx);
    const task = requireSendTask(deps.state, requiredInteger(ctx, input, 'agent_id'), requiredInteger(ctx, input, 'task_id'));
    ctx.body = ok({ send_result: task.result });
  });

  router.post('/topapi/message/corpconversation/getsendprogress', auth, (ctx) => {
    const input = body(ctx);
    requireSendTask(deps.state, requiredInteger(ctx, input, 'agent_id'), requiredInteger(ctx, input, 'task_id'));
    ctx.body = ok({ progress: { progress_in_percent: 100, status: 2 } });
  });

  router.post('/topapi/v2/user/getuserinfo', auth, (ctx) => {
    const code = optionalString(ctx, body(ctx), 'code') ?? '';
    const entry = deps.state.authCodes.get(code);
    if (!entry || entry.used || entry.expiresAt <= deps.now()) throw oapiError(40078, '不存在的临时授权码');
    entry.used = true;
    const user = findUser(deps.org, entry.userId);
    if (!user) throw oapiError(40078, '不存在的临时授权码');
    const sysLevel = user.role === 'admin' ? 1 : 0;
    ctx.body = ok({
      result: {
        userid: user.userId,
        unionid: user.unionId,
        associated_unionid: '',
        device_id: `sandbox-device-${user.userId}`,
        name: user.name,
        sys: sysLevel === 1,
        sys_level: sysLevel,
      },
    });
  });

  router.post('/topapi/v2/user/get', auth, (ctx) => {
    const userId = requiredString(ctx, body(ctx), 'userid');
    const user = findPerson(deps.state, deps.org, userId);
    if (!user) throw oapiError(33012, '无效的USERID');
    ctx.body = ok({ result: presentUser(deps.org, user) });
  });

  router.post('/topapi/user/getbyunionid', auth, (ctx) => {
    const unionId = requiredString(ctx, body(ctx), 'unionid');
    const user = deps.org.users.find((u) => u.unionId === unionId);
    if (!user) throw oapiError(60121, '找不到该用户');
    ctx.body = ok({ result: { contact_type: 0, userid: user.userId } });
  });

  router.post('/topapi/v2/user/getbymobile', auth, (ctx) => {
    const mobile = requiredString(ctx, body(ctx), 'mobile');
    const userId = userIdByMobile(deps.state, deps.org, mobile);
    if (!userId) throw oapiError(60121, '找不到该用户');
    ctx.body = ok({ result: { userid: userId } });
  });

  router.post('/topapi/v2/department/get', auth, (ctx) => {
    const deptId = requiredInteger(ctx, body(ctx), 'dept_id');
    const dept = findDepartment(deps.org, deptId);
    if (!dept) throw oapiError(60003, '部门不存在');
    const managers = deps.org.users.filter((u) => u.deptIds.includes(deptId) && isLeader(u)).map((u) => u.userId);
    ctx.body = ok({
      result: {
        dept_id: dept.deptId,
        name: dept.name,
        ...(dept.parentId === null ? {} : { parent_id: dept.parentId }),
        dept_manager_userid_list: managers,
        order: dept.deptId,
        create_dept_group: false,
        auto_add_user: false,
        member_count: deps.org.users.filter((u) => u.deptIds.includes(deptId)).length,
      },
    });
  });

  router.post('/topapi/v2/department/listsub', auth, (ctx) => {
    const deptId = requiredInteger(ctx, body(ctx), 'dept_id');
    if (!findDepartment(deps.org, deptId)) throw oapiError(60003, '部门不存在');
    const children = deps.org.departments.filter((d) => d.parentId === deptId);
    ctx.body = ok({ result: children.map((d) => ({ dept_id: d.deptId, name: d.name, parent_id: deptId, auto_add_user: false, create_dept_group: false })) });
  });

  return router;
}

function isLeader(user: OrgUser): boolean {
  return user.role === 'supervisor';
}

/** `topapi/v2/user/get` result (DINGTALK.md §5.3). */
export function presentUser(org: Org, user: OrgUser) {
  const manager = org.users.find((u) => u !== user && isLeader(u) && u.deptIds.some((id) => user.deptIds.includes(id)));
  return {
    userid: user.userId,
    unionid: user.unionId,
    name: user.name,
    avatar: '',
    state_code: '86',
    mobile: user.mobile,
    email: '',
    title: user.title,
    job_number: user.userId.toUpperCase(),
    work_place: '',
    remark: '',
    ...(manager && !isLeader(user) ? { manager_userid: manager.userId } : {}),
    dept_id_list: user.deptIds,
    dept_order_list: user.deptIds.map((deptId) => ({ dept_id: deptId, order: 0 })),
    leader_in_dept: user.deptIds.map((deptId) => ({ dept_id: deptId, leader: isLeader(user) })),
    role_list: [],
    admin: user.role === 'admin',
    boss: false,
    senior: false,
    active: true,
    real_authed: true,
    exclusive_account: false,
    hide_mobile: false,
  };
}
