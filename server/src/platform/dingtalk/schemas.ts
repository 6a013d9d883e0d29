import { z } from 'zod';
import type { ApprovalInstance, ApprovalState, ApprovalTask, Departure, DingTalkDepartment, DingTalkUser } from './port.js';

/**
 * DingTalk response bodies, parsed tolerantly (DINGTALK.md §5.3: numbers sometimes arrive as
 * strings, optional text as '') and mapped to the port's types. New API bodies (api.dingtalk.com)
 * first; old API bodies (oapi.dingtalk.com, HTTP 200 + errcode) after.
 */

const Id = z.union([z.string().min(1), z.number().int()]).transform(String);
const Int = z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]);
/** Optional text where DingTalk may send '' for "none". */
const Text = z
  .string()
  .nullish()
  .transform((value) => (value ? value : null));
const Flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((value) => value === 'true')]);

// ── new API ──────────────────────────────────────────────────────────────────────────────────

/** `POST /v1.0/oauth2/accessToken` */
export const AccessTokenSchema = z.object({ accessToken: z.string().min(1), expireIn: Int.pipe(z.number().positive()) });
export type AccessToken = z.infer<typeof AccessTokenSchema>;

/** `POST /v1.0/workflow/processInstances` */
export const StartInstanceSchema = z.object({ instanceId: z.string().min(1) });

const TaskResultSchema = z
  .string()
  .nullish()
  .transform((value, ctx): ApprovalTask['result'] => {
    switch ((value ?? '').toUpperCase()) {
      case '':
        return null;
      case 'AGREE':
        return 'agree';
      case 'REFUSE':
        return 'refuse';
      case 'REDIRECTED':
      case 'REDIRECT':
        return 'redirect';
      case 'NONE':
        return null;
      default:
        ctx.addIssue({ code: 'custom', message: `unknown task result ${String(value)}` });
        return z.NEVER;
    }
  });

const InstanceResultSchema = z
  .string()
  .nullish()
  .transform((value, ctx): 'agree' | 'refuse' | null => {
    const lower = (value ?? '').toLowerCase();
    if (lower === '') return null;
    if (lower === 'agree' || lower === 'refuse') return lower;
    ctx.addIssue({ code: 'custom', message: `unknown instance result ${String(value)}` });
    return z.NEVER;
  });

/** DingTalk's task statuses in our words. */
const TASK_STATES = { NEW: 'waiting', PAUSED: 'waiting', RUNNING: 'open', COMPLETED: 'done', CANCELED: 'cancelled', TERMINATED: 'cancelled' } as const satisfies Record<string, ApprovalTask['state']>;

/** DingTalk's instance status and result in our words; a completed instance always carries its result. */
function approvalStateOf(status: 'NEW' | 'RUNNING' | 'COMPLETED' | 'TERMINATED' | 'CANCELED', result: 'agree' | 'refuse' | null, ctx: z.RefinementCtx): ApprovalState {
  if (status === 'NEW' || status === 'RUNNING') return 'open';
  if (status === 'TERMINATED' || status === 'CANCELED') return 'terminated';
  if (result === 'agree') return 'agreed';
  if (result === 'refuse') return 'refused';
  ctx.addIssue({ code: 'custom', message: 'completed approval instance without a result' });
  return z.NEVER;
}

const TaskSchema = z
  .object({
    taskId: Id,
    userId: z.string().min(1),
    status: z.enum(['NEW', 'RUNNING', 'PAUSED', 'CANCELED', 'COMPLETED', 'TERMINATED']),
    result: TaskResultSchema,
  })
  .transform((task): ApprovalTask => ({ taskId: task.taskId, userId: task.userId, state: TASK_STATES[task.status], result: task.result }));

/** `GET /v1.0/workflow/processInstances?processInstanceId=` → our ApprovalInstance (the id is the caller's). */
const FormValueSchema = z.object({ name: z.string().nullish(), value: z.string().nullish() });

const RecordSchema = z.object({
  userId: z.string().nullish(),
  type: z.string().nullish(),
  result: z.string().nullish(),
  remark: z.string().nullish(),
  date: z.union([z.string(), z.number()]).nullish(),
});

/** Execute records (approve/refuse, also by an agent) → the port's decision list, oldest first. */
function decisionsOf(records: z.infer<typeof RecordSchema>[]): ApprovalInstance['decisions'] {
  const decisions: ApprovalInstance['decisions'] = [];
  for (const record of records) {
    if (!record.userId || !record.type?.startsWith('EXECUTE_TASK')) continue;
    const result = (record.result ?? '').toLowerCase();
    if (result !== 'agree' && result !== 'refuse') continue;
    const at = record.date === null || record.date === undefined ? null : new Date(record.date);
    decisions.push({ userId: record.userId, result, remark: record.remark ? record.remark : null, at: at && !Number.isNaN(at.getTime()) ? at : null });
  }
  return decisions;
}

export const InstanceSchema = z.object({
  result: z
    .object({
      status: z.enum(['NEW', 'RUNNING', 'COMPLETED', 'TERMINATED', 'CANCELED']),
      result: InstanceResultSchema,
      tasks: z
        .array(TaskSchema)
        .nullish()
        .transform((tasks) => tasks ?? []),
      formComponentValues: z.array(FormValueSchema).nullish(),
      operationRecords: z.array(RecordSchema).nullish(),
    })
    .transform((r, ctx) => ({
      state: approvalStateOf(r.status, r.result, ctx),
      tasks: r.tasks,
      formValues: (r.formComponentValues ?? []).flatMap((v) => (v.name ? [{ name: v.name, value: v.value ?? '' }] : [])),
      decisions: decisionsOf(r.operationRecords ?? []),
    })),
});

/** `POST /v1.0/workflow/processes/instanceIds/query` */
export const InstanceIdsSchema = z.object({
  result: z.object({
    list: z
      .array(z.string())
      .nullish()
      .transform((list) => list ?? []),
    nextToken: z.union([z.string(), z.number()]).nullish(),
  }),
});

/** `POST /v1.0/workflow/forms` */
export const FormCreateSchema = z.object({ result: z.object({ processCode: z.string().min(1) }) });

/** `POST …/processInstances/execute` and `…/terminate`: `{result: true, success: true}`. */
export const ActionResultSchema = z.object({ result: Flag });

/** `POST /v1.0/todo/users/{unionId}/tasks` echoes the created task. */
export const TodoSchema = z.object({ id: z.string().min(1) });

/** `GET /v1.0/todo/users/{unionId}/tasks/sources/{sourceId}`: the task, of which we keep id and state. */
export const TodoStatusSchema = z.object({ id: z.string().min(1), done: Flag });

/** `PUT /v1.0/todo/users/{unionId}/tasks/{taskId}`: `{result: true}`. */
export const TodoUpdatedSchema = z.object({ result: Flag });

/** `POST /v1.0/hrm/preentries`: the pre-entry's temporary user id (DINGTALK.md §10.1). */
export const PreEntryCreatedSchema = z.object({ tmpUserId: z.string().min(1) }).transform((body) => ({ preEntryId: body.tmpUserId }));

/** Departure status "已离职" (2); 1 is "待离职", the others are "not leaving" or a revoked departure. ❓ numbers from the SDK docs' enum. */
const DEPARTED_STATUS = 2;

/** `GET /v1.0/hrm/employees/dimissionInfos?userIdList=[…]` (§10.3); lastWorkDay is epoch ms. */
export const DeparturesSchema = z
  .object({
    result: z
      .array(
        z.object({
          userId: z.string().min(1),
          status: Int.nullish(),
          lastWorkDay: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).nullish(),
          voluntaryReason: z.array(z.string()).nullish(),
          passiveReason: z.array(z.string()).nullish(),
          reasonMemo: z.string().nullish(),
        }),
      )
      .nullish(),
  })
  .transform(({ result }): Departure[] =>
    (result ?? []).map((person) => ({
      userId: person.userId,
      left: person.status === DEPARTED_STATUS,
      lastWorkDay: person.lastWorkDay ? new Date(person.lastWorkDay + 8 * 3600_000).toISOString().slice(0, 10) : null,
      reason: (person.passiveReason ?? []).length > 0 ? 'passive' : (person.voluntaryReason ?? []).length > 0 ? 'voluntary' : null,
    })),
  );

/** New-API error body `{code, message, requestid}` (the SDK puts it in `err.data`, with `statusCode`). */
export const ApiErrorBodySchema = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  statusCode: z.number().int().optional(),
});

// ── old API ──────────────────────────────────────────────────────────────────────────────────

/** Every oapi answer: errcode 0 is success; 88 carries the real reason in sub_code / sub_msg. */
export const OapiEnvelopeSchema = z.object({
  errcode: Int,
  errmsg: z.string().optional(),
  sub_code: z.union([z.string(), z.number()]).transform(String).optional(),
  sub_msg: z.string().optional(),
});
export type OapiEnvelope = z.infer<typeof OapiEnvelopeSchema>;

/** The per-IP throttle answers outside the errcode scheme (DINGTALK.md §8.1). */
export const IpThrottleSchema = z.object({ status: z.literal(1111), wait: Int.optional(), punish: z.string().optional() });

/** `topapi/message/corpconversation/asyncsend_v2` */
export const SendNoticeSchema = z.object({ task_id: Id }).transform((body) => ({ taskId: body.task_id }));

/** `topapi/v2/user/getuserinfo` (auth-code exchange) */
export const AuthCodeUserSchema = z
  .object({ result: z.object({ userid: z.string().min(1), unionid: Text, name: z.string() }) })
  .transform(({ result }) => ({ userId: result.userid, unionId: result.unionid, name: result.name }));

/** `topapi/v2/user/get` */
export const UserSchema = z
  .object({
    result: z.object({
      userid: z.string().min(1),
      unionid: Text,
      name: z.string(),
      title: Text,
      dept_id_list: z
        .array(Int)
        .nullish()
        .transform((ids) => ids ?? []),
      mobile: Text,
    }),
  })
  .transform(
    ({ result }): DingTalkUser => ({
      userId: result.userid,
      unionId: result.unionid,
      name: result.name,
      title: result.title,
      deptIds: result.dept_id_list,
      mobile: result.mobile,
    }),
  );

/** `topapi/v2/department/get`; the root department has no parent. */
export const DepartmentSchema = z
  .object({ result: z.object({ dept_id: Int, name: z.string(), parent_id: Int.nullish() }) })
  .transform(({ result }): DingTalkDepartment => ({ deptId: result.dept_id, name: result.name, parentId: result.parent_id ?? null }));

/** `topapi/v2/user/getbymobile` (no such user: errcode 60121) */
export const UserIdByMobileSchema = z.object({ result: z.object({ userid: z.string().min(1) }) }).transform(({ result }) => ({ userId: result.userid }));

/** `topapi/smartwork/hrm/employee/querypreentry`: one page of pre-entry user ids. 🔶 */
export const PreEntryIdsSchema = z
  .object({
    result: z.object({
      data_list: z
        .array(Id)
        .nullish()
        .transform((ids) => ids ?? []),
      next_cursor: Int.nullish(),
    }),
  })
  .transform(({ result }) => ({ ids: result.data_list, nextOffset: result.next_cursor ?? null }));

/** `topapi/smartwork/hrm/employee/v2/list` read for the mobile roster field only. 🔶 */
export const RosterMobilesSchema = z
  .object({
    result: z
      .array(
        z.object({
          userid: Id,
          field_data_list: z
            .array(z.object({ field_code: z.string(), field_value_list: z.array(z.object({ value: z.string().nullish() })).nullish() }))
            .nullish(),
        }),
      )
      .nullish(),
  })
  .transform(({ result }) =>
    (result ?? []).map((person) => ({
      userId: person.userid,
      mobile: (person.field_data_list ?? []).find((field) => field.field_code === 'sys00-mobile')?.field_value_list?.[0]?.value ?? null,
    })),
  );
