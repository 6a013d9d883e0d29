import Router from '@koa/router';
import { requireToken } from '../auth.js';
import type { SandboxDeps } from '../deps.js';
import { addPreEntry, rosterMobile, userIdByMobile } from '../hrm.js';
import { apiError, body, isRecord, oapiError, optionalInteger, requestId, requiredString } from '../http.js';

/** 智能人事 APIs (DINGTALK.md §10): pre-entries, the roster read of their mobile, departures. */
const MAX_PREENTRY_PAGE = 50;
const MAX_ROSTER_USERS = 100;
const MAX_DISMISSION_USERS = 50;

export function hrmRouter(deps: SandboxDeps): Router {
  const router = new Router();
  const auth = requireToken(deps.tokens);
  const ok = (fields: Record<string, unknown>) => ({ errcode: 0, errmsg: 'ok', ...fields, success: true, request_id: requestId() });

  router.post('/v1.0/hrm/preentries', auth, (ctx) => {
    const input = body(ctx);
    const name = requiredString(ctx, input, 'name');
    const mobile = requiredString(ctx, input, 'mobile');
    // Like DingTalk: a mobile that already belongs to the organisation is refused, and the only text is 系统繁忙.
    if (userIdByMobile(deps.state, deps.org, mobile)) throw apiError(500, 'systemError', '系统繁忙');
    const fields: Array<{ groupId?: string; fieldCode: string; value: string }> = [];
    for (const group of Array.isArray(input.groups) ? input.groups : []) {
      if (!isRecord(group)) continue;
      for (const section of Array.isArray(group.sections) ? group.sections : []) {
        if (!isRecord(section)) continue;
        for (const field of Array.isArray(section.empFieldVOList) ? section.empFieldVOList : []) {
          if (!isRecord(field) || typeof field.fieldCode !== 'string') throw apiError(400, 'invalidParameter', 'empFieldVOList[].fieldCode is mandatory');
          fields.push({ ...(typeof group.groupId === 'string' ? { groupId: group.groupId } : {}), fieldCode: field.fieldCode, value: String(field.value ?? '') });
        }
      }
    }
    const preEntryTime = optionalInteger(ctx, input, 'preEntryTime');
    const agentId = optionalInteger(ctx, input, 'agentId');
    const entry = addPreEntry(deps.state, deps.now(), {
      name,
      mobile,
      ...(preEntryTime === undefined ? {} : { preEntryTime }),
      ...(agentId === undefined ? {} : { agentId }),
      needSendPreEntryMsg: input.needSendPreEntryMsg === true,
      fields,
    });
    ctx.body = { tmpUserId: entry.tmpUserId };
  });

  router.post('/topapi/smartwork/hrm/employee/querypreentry', auth, (ctx) => {
    const input = body(ctx);
    const offset = optionalInteger(ctx, input, 'offset') ?? 0;
    const size = optionalInteger(ctx, input, 'size') ?? MAX_PREENTRY_PAGE;
    if (offset < 0 || size < 1 || size > MAX_PREENTRY_PAGE) throw oapiError(400002, `不合法的参数: size 1..${MAX_PREENTRY_PAGE}, offset ≥ 0`);
    const open = deps.state.preEntries.filter((p) => !p.onboardedUserId);
    const page = open.slice(offset, offset + size).map((p) => p.tmpUserId);
    ctx.body = ok({ result: { data_list: page, ...(offset + size < open.length ? { next_cursor: offset + size } : {}) } });
  });

  router.post('/topapi/smartwork/hrm/employee/v2/list', auth, (ctx) => {
    const input = body(ctx);
    const ids = requiredString(ctx, input, 'userid_list').split(',').map((id) => id.trim()).filter(Boolean);
    if (ids.length > MAX_ROSTER_USERS) throw oapiError(400002, `不合法的参数: userid_list 最多 ${MAX_ROSTER_USERS} 个`);
    const wanted = (typeof input.field_filter_list === 'string' ? input.field_filter_list : '').split(',').map((f) => f.trim()).filter(Boolean);
    const result = ids.flatMap((id) => {
      const person = rosterMobile(deps.state, deps.org, id);
      if (!person) return [];
      const fields = [
        { field_code: 'sys00-name', field_name: '姓名', group_id: 'sys00', field_value_list: [{ value: person.name, label: person.name }] },
        { field_code: 'sys00-mobile', field_name: '手机号', group_id: 'sys00', field_value_list: [{ value: person.mobile, label: person.mobile }] },
      ];
      return [{ userid: id, corp_id: deps.corpId, field_data_list: wanted.length ? fields.filter((f) => wanted.includes(f.field_code)) : fields }];
    });
    ctx.body = ok({ result });
  });

  router.get('/v1.0/hrm/employees/dimissionInfos', auth, (ctx) => {
    const raw = typeof ctx.query.userIdList === 'string' ? ctx.query.userIdList : '';
    let ids: unknown;
    try {
      ids = raw.trim().startsWith('[') ? JSON.parse(raw) : raw.split(',').filter(Boolean);
    } catch (error) {
      throw apiError(400, 'invalidParameter', `userIdList must be a JSON array of user ids (${(error as Error).message})`);
    }
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) throw apiError(400, 'invalidParameter', 'userIdList is mandatory');
    if (ids.length > MAX_DISMISSION_USERS) throw apiError(400, 'invalidParameter', `userIdList 最多 ${MAX_DISMISSION_USERS} 个`);
    const result = (ids as string[]).flatMap((id) => {
      const d = deps.state.dismissions.get(id);
      return d ? [{ userId: d.userId, name: d.name, lastWorkDay: d.lastWorkDay, voluntaryReason: d.voluntaryReason, passiveReason: d.passiveReason, reasonMemo: d.reasonMemo, status: d.status, preStatus: 2, mainDeptId: 1, mainDeptName: '', deptList: [], handoverUserId: '' }] : [];
    });
    ctx.body = { result };
  });

  return router;
}
