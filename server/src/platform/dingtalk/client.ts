import * as $OpenApi from '@alicloud/openapi-client';
import * as $Util from '@alicloud/tea-util';
import * as $Hrm from '@alicloud/dingtalk/dist/hrm_1_0/client.js';
import * as $OAuth2 from '@alicloud/dingtalk/dist/oauth2_1_0/client.js';
import * as $Todo from '@alicloud/dingtalk/dist/todo_1_0/client.js';
import * as $Workflow from '@alicloud/dingtalk/dist/workflow_1_0/client.js';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DingTalkError, isDingTalkError, MAX_DEPARTURE_USER_IDS, type DingTalkErrorKind, type DingTalkPort, type PreEntryRoster } from './port.js';
import {
  AccessTokenSchema,
  ActionResultSchema,
  ApiErrorBodySchema,
  AuthCodeUserSchema,
  DepartmentSchema,
  DeparturesSchema,
  FormCreateSchema,
  InstanceIdsSchema,
  InstanceSchema,
  IpThrottleSchema,
  OapiEnvelopeSchema,
  PreEntryCreatedSchema,
  PreEntryIdsSchema,
  RosterMobilesSchema,
  SendNoticeSchema,
  StartInstanceSchema,
  TodoSchema,
  TodoStatusSchema,
  TodoUpdatedSchema,
  UserIdByMobileSchema,
  UserSchema,
  type OapiEnvelope,
} from './schemas.js';
import { createTokenCache } from './tokenCache.js';

/**
 * The real DingTalk client behind the port (DINGTALK.md §1, §3, §4, §5, §7.2, §8). New-style API
 * (token, workflow, todo) through `@alicloud/dingtalk`; old `oapi` endpoints through fetch with
 * `?access_token=`. Every call has a timeout, is parsed with zod and fails as a DingTalkError.
 * Safe calls (token, reads) back off and retry on rate limits, 5xx, timeouts and network errors;
 * creates and state changes are sent at most once, apart from one resend after a token rejection
 * (DingTalk refused the request, so nothing happened). Never logs tokens, secrets or bodies.
 */
export interface DingTalkClientOptions {
  appKey: string;
  appSecret: string;
  agentId: string;
  processCode: string;
  /** e.g. https://api.dingtalk.com or http://127.0.0.1:3100 (scheme and host only). */
  apiBase: string;
  /** e.g. https://oapi.dingtalk.com or http://127.0.0.1:3100 */
  oapiBase: string;
  /** Per request (connect and read). Default 5000. */
  timeoutMs?: number;
  log: Logger;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 500;
/** DingTalk asks for at least 1 s after a QPS rejection (§8). */
const RATE_LIMIT_DELAY_MS = 1000;
/** asyncsend_v2 rejects a `msg` larger than this. */
const MAX_NOTICE_BYTES = 2048;
const MAX_NOTICE_USERS = 100;
const MAX_LIST_PAGES = 50;
/** querypreentry pages hold at most 50 ids; a lookup reads at most this many pages (1,000 pre-entries). */
const PRE_ENTRY_PAGE_SIZE = 50;
const MAX_PRE_ENTRY_PAGES = 20;
/** The roster read takes at most 100 user ids per call. */
const MAX_ROSTER_USER_IDS = 100;
/**
 * Custom roster fields (created once in 智能人事 with customRosterField/add) our pre-entries fill in.
 * A company's custom field codes are its own: these are the codes the sandbox and the setup use.
 */
export const ROSTER_FIELD_CODES = {
  interviewBatch: 'customField-aiInterviewBatch',
  overallScore: 'customField-aiOverallScore',
  modelVersion: 'customField-aiModelVersion',
  talentPool: 'customField-aiTalentPool',
} as const satisfies Record<keyof PreEntryRoster, string>;
/** The system roster field holding a person's mobile. */
const ROSTER_MOBILE_FIELD = 'sys00-mobile';
/** The new API's answer (HTTP 404) to a path or method it does not serve. */
const UNKNOWN_API_CODE = 'InvalidAction.NotFound';
/** "No such user" of the old contact APIs (user by mobile). */
const USER_NOT_FOUND_ERRCODE = '60121';

interface Operation {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** Safe to repeat: retried with backoff. Unsafe calls are sent at most once. */
  safe: boolean;
}

const OPS = {
  token: { name: 'token', method: 'POST', path: '/v1.0/oauth2/accessToken', safe: true },
  startInstance: { name: 'startReviewApproval', method: 'POST', path: '/v1.0/workflow/processInstances', safe: false },
  getInstance: { name: 'getApprovalInstance', method: 'GET', path: '/v1.0/workflow/processInstances', safe: true },
  executeTask: { name: 'executeReviewTask', method: 'POST', path: '/v1.0/workflow/processInstances/execute', safe: false },
  listInstanceIds: { name: 'listReviewInstanceIds', method: 'POST', path: '/v1.0/workflow/processes/instanceIds/query', safe: true },
  saveForm: { name: 'saveReviewForm', method: 'POST', path: '/v1.0/workflow/forms', safe: false },
  terminate: { name: 'terminateApproval', method: 'POST', path: '/v1.0/workflow/processInstances/terminate', safe: false },
  createTodo: { name: 'createTodo', method: 'POST', path: '/v1.0/todo/users/{unionId}/tasks', safe: false },
  todoBySource: { name: 'findTodoByKey', method: 'GET', path: '/v1.0/todo/users/{unionId}/tasks/sources/{sourceId}', safe: true },
  updateTodo: { name: 'completeTodo', method: 'PUT', path: '/v1.0/todo/users/{unionId}/tasks/{taskId}', safe: false },
  sendNotice: { name: 'sendWorkNotice', method: 'POST', path: '/topapi/message/corpconversation/asyncsend_v2', safe: false },
  authCodeUser: { name: 'getUserByAuthCode', method: 'POST', path: '/topapi/v2/user/getuserinfo', safe: false },
  getUser: { name: 'getUser', method: 'POST', path: '/topapi/v2/user/get', safe: true },
  getDepartment: { name: 'getDepartment', method: 'POST', path: '/topapi/v2/department/get', safe: true },
  userByMobile: { name: 'findUserIdByMobile', method: 'POST', path: '/topapi/v2/user/getbymobile', safe: true },
  createPreEntry: { name: 'createPreEntry', method: 'POST', path: '/v1.0/hrm/preentries', safe: false },
  listPreEntries: { name: 'findPreEntryByMobile', method: 'POST', path: '/topapi/smartwork/hrm/employee/querypreentry', safe: true },
  rosterFields: { name: 'findPreEntryByMobile', method: 'POST', path: '/topapi/smartwork/hrm/employee/v2/list', safe: true },
  departures: { name: 'listDepartures', method: 'GET', path: '/v1.0/hrm/employees/dimissionInfos', safe: true },
} as const satisfies Record<string, Operation>;

export function createDingTalkClient(options: DingTalkClientOptions): DingTalkPort {
  if (!/^\d+$/.test(options.agentId)) throw new Error(`DingTalk agentId must be numeric, got ${options.agentId}`);
  const timeoutMs = options.timeoutMs ?? 5000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const log = options.log.child({ module: 'dingtalk' });
  const oapiBase = options.oapiBase.replace(/\/+$/, '');

  const sdkConfig = new $OpenApi.Config({ ...sdkEndpoint(options.apiBase), regionId: 'central', readTimeout: timeoutMs, connectTimeout: timeoutMs });
  const oauth2 = new (cjsDefault($OAuth2.default))(sdkConfig);
  const workflow = new (cjsDefault($Workflow.default))(sdkConfig);
  const todo = new (cjsDefault($Todo.default))(sdkConfig);
  const hrm = new (cjsDefault($Hrm.default))(sdkConfig);
  const runtime = () => new $Util.RuntimeOptions({ readTimeout: timeoutMs, connectTimeout: timeoutMs, autoretry: false });

  const tokens = createTokenCache({
    fetchToken: () =>
      logged(OPS.token, () =>
        sdk(AccessTokenSchema, () =>
          oauth2.getAccessTokenWithOptions(new $OAuth2.GetAccessTokenRequest({ appKey: options.appKey, appSecret: options.appSecret }), {}, runtime()),
        ),
      ),
  });

  /** One port call: token, send, token-rejection resend, and backoff for what may be repeated. */
  async function call<T>(op: Operation, send: (token: string) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      // Whether the request may have reached DingTalk and been acted on (false while fetching the token).
      let sent = false;
      try {
        const token = await tokens.get();
        sent = true;
        try {
          return await logged(op, () => send(token), attempt);
        } catch (error) {
          if (!isDingTalkError(error) || error.kind !== 'token') throw error;
          tokens.evict(token);
          sent = false;
          const fresh = await tokens.get();
          sent = true;
          return await logged(op, () => send(fresh), attempt);
        }
      } catch (error) {
        const failure = toDingTalkError(error);
        const repeatable = op.safe || !sent;
        if (attempt >= MAX_ATTEMPTS || !repeatable || !failure.retryable || failure.kind === 'token') throw failure;
        const delayMs = backoffDelayMs(attempt, failure.kind, random);
        log.warn({ op: op.name, attempt, code: failure.code, delayMs }, 'dingtalk call failed, retrying');
        await sleep(delayMs);
      }
    }
  }

  /** Times one request and logs method, path, outcome and duration; nothing else. */
  async function logged<T>(op: Operation, request: () => Promise<T>, attempt = 1): Promise<T> {
    const started = performance.now();
    try {
      const result = await request();
      log.debug({ method: op.method, path: op.path, attempt, durationMs: Math.round(performance.now() - started) }, 'dingtalk ok');
      return result;
    } catch (error) {
      const failure = toDingTalkError(error);
      log.warn(
        { method: op.method, path: op.path, attempt, kind: failure.kind, errcode: failure.code, status: failure.status, durationMs: Math.round(performance.now() - started) },
        'dingtalk failed',
      );
      throw failure;
    }
  }

  /** An SDK call: its errors mapped, its (already JSON-decoded) body parsed. */
  async function sdk<S extends z.ZodType>(schema: S, request: () => Promise<{ body?: unknown }>): Promise<z.output<S>> {
    let response: { body?: unknown };
    try {
      response = await request();
    } catch (error) {
      throw fromSdkError(error);
    }
    return parseResponse(schema, response.body);
  }

  /** An old-API call: POST JSON to oapi with `?access_token=`; errcode ≠ 0 is a failure. */
  async function oapi<S extends z.ZodType>(op: Operation, token: string, body: Record<string, unknown>, schema: S): Promise<z.output<S>> {
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${oapiBase}${op.path}?access_token=${encodeURIComponent(token)}`, {
        method: op.method,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      throw fromFetchError(error);
    }
    const json = parseJson(text);
    const throttle = IpThrottleSchema.safeParse(json);
    if (throttle.success) throw new DingTalkError({ kind: 'rate_limited', code: 'ip_throttled', message: 'DingTalk throttled this IP', status });
    const envelope = OapiEnvelopeSchema.safeParse(json);
    if (envelope.success && envelope.data.errcode !== 0) throw fromOapiEnvelope(envelope.data, status);
    if (!envelope.success || status >= 300) throw fromHttpStatus(status, json === undefined ? 'invalid_response' : `http_${status}`);
    return parseResponse(schema, json);
  }

  /** Todos address people by unionId; a user id maps to one for good, so each is read once (a failed read is not kept). */
  const unionIds = new Map<string, Promise<string>>();
  function unionIdOf(userId: string): Promise<string> {
    let known = unionIds.get(userId);
    if (!known) {
      known = call(OPS.getUser, (token) => oapi(OPS.getUser, token, { userid: userId, language: 'zh_CN' }, UserSchema)).then((user) => {
        if (!user.unionId) throw new DingTalkError({ kind: 'business', code: 'no_union_id', message: `DingTalk has no unionId for user ${userId}` });
        return user.unionId;
      });
      unionIds.set(userId, known);
      known.catch(() => unionIds.delete(userId));
    }
    return known;
  }

  return {
    async startReviewApproval(input) {
      if (input.approverUserIds.length === 0) throw invalidInput('startReviewApproval needs at least one approver');
      const request = new $Workflow.StartProcessInstanceRequest({
        processCode: options.processCode,
        originatorUserId: input.originatorUserId,
        deptId: input.deptId ?? -1,
        approvers: [new $Workflow.StartProcessInstanceRequestApprovers({ actionType: 'OR', userIds: input.approverUserIds })],
        formComponentValues: input.formValues.map((field) => new $Workflow.StartProcessInstanceRequestFormComponentValues({ name: field.name, value: field.value })),
      });
      const { instanceId } = await call(OPS.startInstance, (token) =>
        sdk(StartInstanceSchema, () =>
          workflow.startProcessInstanceWithOptions(request, new $Workflow.StartProcessInstanceHeaders({ xAcsDingtalkAccessToken: token }), runtime()),
        ),
      );
      return { instanceId };
    },

    async getApprovalInstance(instanceId) {
      const { result } = await call(OPS.getInstance, (token) =>
        sdk(InstanceSchema, () =>
          workflow.getProcessInstanceWithOptions(
            new $Workflow.GetProcessInstanceRequest({ processInstanceId: instanceId }),
            new $Workflow.GetProcessInstanceHeaders({ xAcsDingtalkAccessToken: token }),
            runtime(),
          ),
        ),
      );
      return { instanceId, ...result };
    },

    async listReviewInstanceIds(input) {
      const ids: string[] = [];
      let nextToken = 0;
      // DingTalk caps a listing at 10,000 ids; a review lookup window holds far fewer.
      for (let page = 0; page < MAX_LIST_PAGES; page++) {
        const request = new $Workflow.ListProcessInstanceIdsRequest({
          processCode: options.processCode,
          startTime: input.since.getTime(),
          nextToken,
          maxResults: 20,
          userIds: input.originatorUserIds,
        });
        const { result } = await call(OPS.listInstanceIds, (token) =>
          sdk(InstanceIdsSchema, () =>
            workflow.listProcessInstanceIdsWithOptions(request, new $Workflow.ListProcessInstanceIdsHeaders({ xAcsDingtalkAccessToken: token }), runtime()),
          ),
        );
        ids.push(...result.list);
        const next = Number(result.nextToken);
        if (result.list.length === 0 || result.nextToken === null || result.nextToken === undefined || !Number.isFinite(next) || next <= nextToken) break;
        nextToken = next;
      }
      return ids;
    },

    async saveReviewForm(input) {
      const request = new $Workflow.FormCreateRequest({
        processCode: input.processCode,
        name: input.name,
        description: input.description,
        formComponents: input.components.map(
          (component) =>
            new $Workflow.FormComponent({ componentType: component.componentType, props: new $Workflow.FormComponentProps({ ...component.props }) }),
        ),
      });
      const { result } = await call(OPS.saveForm, (token) =>
        sdk(FormCreateSchema, () => workflow.formCreateWithOptions(request, new $Workflow.FormCreateHeaders({ xAcsDingtalkAccessToken: token }), runtime())),
      );
      return { processCode: result.processCode };
    },

    async executeReviewTask(input) {
      if (!/^\d+$/.test(input.taskId)) throw invalidInput(`taskId must be numeric, got ${input.taskId}`);
      const request = new $Workflow.ExecuteProcessInstanceRequest({
        processInstanceId: input.instanceId,
        taskId: Number(input.taskId),
        actionerUserId: input.actorUserId,
        result: input.result,
        remark: input.remark,
      });
      const { result } = await call(OPS.executeTask, (token) =>
        sdk(ActionResultSchema, () =>
          workflow.executeProcessInstanceWithOptions(request, new $Workflow.ExecuteProcessInstanceHeaders({ xAcsDingtalkAccessToken: token }), runtime()),
        ),
      );
      if (!result) throw new DingTalkError({ kind: 'business', code: 'execute_refused', message: `DingTalk did not execute task ${input.taskId}` });
    },

    async terminateApproval(input) {
      const request = new $Workflow.TerminateProcessInstanceRequest({
        processInstanceId: input.instanceId,
        isSystem: false,
        operatingUserId: input.operatingUserId,
        remark: input.remark,
      });
      const { result } = await call(OPS.terminate, (token) =>
        sdk(ActionResultSchema, () =>
          workflow.terminateProcessInstanceWithOptions(request, new $Workflow.TerminateProcessInstanceHeaders({ xAcsDingtalkAccessToken: token }), runtime()),
        ),
      );
      if (!result) throw new DingTalkError({ kind: 'business', code: 'terminate_refused', message: `DingTalk did not terminate ${input.instanceId}` });
    },

    async sendWorkNotice(input) {
      if (input.userIds.length === 0 || input.userIds.length > MAX_NOTICE_USERS) {
        throw invalidInput(`sendWorkNotice takes 1..${MAX_NOTICE_USERS} users, got ${input.userIds.length}`);
      }
      const { card } = input;
      const msg = {
        msgtype: 'action_card',
        action_card: { title: card.title, markdown: card.markdown, single_title: card.singleTitle, single_url: card.singleUrl },
      };
      const bytes = Buffer.byteLength(JSON.stringify(msg), 'utf8');
      if (bytes > MAX_NOTICE_BYTES) throw invalidInput(`work notice is ${bytes} bytes, DingTalk accepts at most ${MAX_NOTICE_BYTES}`);
      const body = { agent_id: Number(options.agentId), userid_list: input.userIds.join(','), msg };
      return call(OPS.sendNotice, (token) => oapi(OPS.sendNotice, token, body, SendNoticeSchema));
    },

    async createTodo(input) {
      const unionId = await unionIdOf(input.userId);
      const request = new $Todo.CreateTodoTaskRequest({
        operatorId: unionId,
        subject: input.subject,
        description: input.description,
        executorIds: [unionId],
        detailUrl: new $Todo.CreateTodoTaskRequestDetailUrl({ appUrl: input.detailUrl, pcUrl: input.detailUrl }),
        sourceId: input.key,
        dueTime: input.dueAt?.getTime(),
      });
      const { id } = await call(OPS.createTodo, (token) =>
        sdk(TodoSchema, () =>
          todo.createTodoTaskWithOptions(pathSegment(unionId), request, new $Todo.CreateTodoTaskHeaders({ xAcsDingtalkAccessToken: token }), runtime()),
        ),
      );
      return { id };
    },

    async findTodoByKey(input) {
      const unionId = await unionIdOf(input.userId);
      try {
        const { id, done } = await call(OPS.todoBySource, (token) =>
          sdk(TodoStatusSchema, () =>
            todo.getTodoTaskBySourceIdWithOptions(
              pathSegment(unionId),
              pathSegment(input.key),
              new $Todo.GetTodoTaskBySourceIdHeaders({ xAcsDingtalkAccessToken: token }),
              runtime(),
            ),
          ),
        );
        return { id, done };
      } catch (error) {
        if (isMissingTodo(error)) return null;
        throw error;
      }
    },

    async completeTodo(input) {
      const unionId = await unionIdOf(input.userId);
      const request = new $Todo.UpdateTodoTaskRequest({ operatorId: unionId, done: true });
      const { result } = await call(OPS.updateTodo, (token) =>
        sdk(TodoUpdatedSchema, () =>
          todo.updateTodoTaskWithOptions(
            pathSegment(unionId),
            pathSegment(input.todoId),
            request,
            new $Todo.UpdateTodoTaskHeaders({ xAcsDingtalkAccessToken: token }),
            runtime(),
          ),
        ),
      );
      if (!result) throw new DingTalkError({ kind: 'business', code: 'update_refused', message: `DingTalk did not complete todo ${input.todoId}` });
    },

    getUserByAuthCode(code) {
      return call(OPS.authCodeUser, (token) => oapi(OPS.authCodeUser, token, { code }, AuthCodeUserSchema));
    },

    getUser(userId) {
      return call(OPS.getUser, (token) => oapi(OPS.getUser, token, { userid: userId, language: 'zh_CN' }, UserSchema));
    },

    getDepartment(deptId) {
      return call(OPS.getDepartment, (token) => oapi(OPS.getDepartment, token, { dept_id: deptId, language: 'zh_CN' }, DepartmentSchema));
    },

    async createPreEntry(input) {
      // The new API takes no operator (the SDK's AddHrmPreentryRequest has no such field): the app is
      // the operator in DingTalk, and who recorded the hire stays in our audit log.
      const request = new $Hrm.AddHrmPreentryRequest({
        agentId: Number(options.agentId),
        name: input.name,
        mobile: input.mobile,
        preEntryTime: shanghaiMidnightMs(input.expectedEntryDate),
        needSendPreEntryMsg: false,
        groups: [
          new $Hrm.AddHrmPreentryRequestGroups({
            groupId: 'customGroup',
            sections: [
              new $Hrm.AddHrmPreentryRequestGroupsSections({
                empFieldVOList: (Object.keys(ROSTER_FIELD_CODES) as (keyof typeof ROSTER_FIELD_CODES)[]).map(
                  (key) => new $Hrm.AddHrmPreentryRequestGroupsSectionsEmpFieldVOList({ fieldCode: ROSTER_FIELD_CODES[key], value: input.roster[key] }),
                ),
              }),
            ],
          }),
        ],
      });
      return call(OPS.createPreEntry, (token) =>
        sdk(PreEntryCreatedSchema, () => hrm.addHrmPreentryWithOptions(request, new $Hrm.AddHrmPreentryHeaders({ xAcsDingtalkAccessToken: token }), runtime())),
      );
    },

    async findPreEntryByMobile(mobile) {
      // DingTalk has no pre-entry search by mobile: page through the pre-entry ids and read their mobile
      // roster field, newest pages last as DingTalk lists them.
      for (let page = 0, offset = 0; page < MAX_PRE_ENTRY_PAGES; page++) {
        const { ids, nextOffset } = await call(OPS.listPreEntries, (token) => oapi(OPS.listPreEntries, token, { offset, size: PRE_ENTRY_PAGE_SIZE }, PreEntryIdsSchema));
        for (let i = 0; i < ids.length; i += MAX_ROSTER_USER_IDS) {
          const chunk = ids.slice(i, i + MAX_ROSTER_USER_IDS);
          const mobiles = await call(OPS.rosterFields, (token) =>
            oapi(OPS.rosterFields, token, { userid_list: chunk.join(','), field_filter_list: ROSTER_MOBILE_FIELD, agentid: Number(options.agentId) }, RosterMobilesSchema),
          );
          const found = mobiles.find((person) => person.mobile === mobile);
          if (found) return { preEntryId: found.userId };
        }
        if (ids.length === 0 || nextOffset === null || nextOffset <= offset) break;
        offset = nextOffset;
      }
      return null;
    },

    async findUserIdByMobile(mobile) {
      try {
        const { userId } = await call(OPS.userByMobile, (token) => oapi(OPS.userByMobile, token, { mobile }, UserIdByMobileSchema));
        return userId;
      } catch (error) {
        if (isDingTalkError(error) && error.code === USER_NOT_FOUND_ERRCODE) return null;
        throw error;
      }
    },

    async listDepartures(userIds) {
      if (userIds.length === 0) return [];
      if (userIds.length > MAX_DEPARTURE_USER_IDS) throw invalidInput(`listDepartures takes at most ${MAX_DEPARTURE_USER_IDS} user ids, got ${userIds.length}`);
      const request = new $Hrm.QueryHrmEmployeeDismissionInfoRequest({ userIdList: userIds });
      return call(OPS.departures, (token) =>
        sdk(DeparturesSchema, () =>
          hrm.queryHrmEmployeeDismissionInfoWithOptions(request, new $Hrm.QueryHrmEmployeeDismissionInfoHeaders({ xAcsDingtalkAccessToken: token }), runtime()),
        ),
      );
    },
  };
}

/**
 * "No such todo": DingTalk's not-found code, or an HTTP 404 — except the gateway's own 404 for an
 * unknown API, which means our request is wrong, not that the todo is missing.
 */
function isMissingTodo(error: unknown): boolean {
  if (!isDingTalkError(error)) return false;
  return error.kind === 'not_found' || (error.status === 404 && error.code !== UNKNOWN_API_CODE);
}

/** An id placed in an SDK path: the SDK pastes path parameters in unencoded. */
function pathSegment(id: string): string {
  return encodeURIComponent(id);
}

/** 00:00 of a YYYY-MM-DD day in Asia/Shanghai, in epoch milliseconds (DingTalk's time fields). */
function shanghaiMidnightMs(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

/** `https://api.dingtalk.com` → the SDK's `{protocol, endpoint}`; the SDK cannot take a path prefix. */
function sdkEndpoint(apiBase: string): { protocol: 'http' | 'https'; endpoint: string } {
  const url = new URL(apiBase);
  const protocol = url.protocol.slice(0, -1);
  if (protocol !== 'http' && protocol !== 'https') throw new Error(`DingTalk apiBase must be http(s), got ${apiBase}`);
  if (url.pathname !== '/' || url.search !== '') throw new Error(`DingTalk apiBase must be scheme://host[:port] only, got ${apiBase}`);
  return { protocol, endpoint: url.host };
}

/**
 * The SDK is CommonJS with `exports.default = Client`. Node's ESM loader (tsx, vitest) hands
 * `import x from` the whole `module.exports`; TypeScript and bundlers hand it `exports.default`.
 */
function cjsDefault<T>(imported: T): T {
  return typeof imported === 'function' ? imported : (imported as unknown as { default: T }).default;
}

export function backoffDelayMs(attempt: number, kind: DingTalkErrorKind, random: () => number): number {
  const base = (kind === 'rate_limited' ? RATE_LIMIT_DELAY_MS : BASE_DELAY_MS) * 2 ** (attempt - 1);
  return Math.round(base + random() * (base / 2));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not JSON (an HTML error page, an empty body): judged by the HTTP status instead
  }
}

function parseResponse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new DingTalkError({
    kind: 'server',
    code: 'invalid_response',
    message: `unexpected DingTalk response: ${z.prettifyError(parsed.error)}`,
    retryable: false,
  });
}

function invalidInput(message: string): DingTalkError {
  return new DingTalkError({ kind: 'business', code: 'invalid_input', message });
}

const TOKEN_ERRCODES = new Set([40014, 42001]);
const BAD_CREDENTIALS_ERRCODES = new Set([40089]);
const RATE_LIMIT_ERRCODES = new Set([90002, 90005, 90006, 90018, 90019, 41047, 41048, 143103, 143104]);
const QUOTA_ERRCODES = new Set([90020]);
const AUTH_CODE_ERRCODES = new Set([40078]);

/** An old-API errcode (DINGTALK.md §8.1) as a DingTalkError. */
function fromOapiEnvelope(envelope: OapiEnvelope, status: number): DingTalkError {
  const { errcode } = envelope;
  const code = String(errcode);
  const message = `DingTalk errcode ${errcode}: ${envelope.errmsg ?? ''}${envelope.sub_msg ? ` (${envelope.sub_code ?? ''} ${envelope.sub_msg})` : ''}`;
  const error = (kind: DingTalkErrorKind, retryable?: boolean) => new DingTalkError({ kind, code, message, status, retryable });
  if (TOKEN_ERRCODES.has(errcode)) return error('token');
  if (errcode === 88 && isTokenSubCode(envelope)) return error('token');
  if (BAD_CREDENTIALS_ERRCODES.has(errcode)) return error('token', false);
  if (errcode === -1) return error('server');
  if (RATE_LIMIT_ERRCODES.has(errcode)) return error('rate_limited');
  if (QUOTA_ERRCODES.has(errcode)) return error('rate_limited', false);
  if (AUTH_CODE_ERRCODES.has(errcode)) return error('auth_code');
  return error('business');
}

/** errcode 88 is "auth exception"; only a token sub-code makes it worth refreshing the token. */
function isTokenSubCode(envelope: OapiEnvelope): boolean {
  const sub = envelope.sub_code ?? '';
  return sub === '40014' || sub === '42001' || /access_?token/i.test(envelope.sub_msg ?? '');
}

/** New-API business codes that mean "no such thing" (e.g. an approval deleted in DingTalk, an unknown todo). */
const NOT_FOUND_CODES = new Set(['processInstanceNotExist', 'todo.task.notFound']);

/** A new-API error (`{code, message}` + HTTP status, §8.2) as a DingTalkError. */
function fromApiError(status: number, code: string, detail: string): DingTalkError {
  const message = `DingTalk ${status} ${code}: ${detail}`;
  const error = (kind: DingTalkErrorKind, retryable?: boolean) => new DingTalkError({ kind, code, message, status, retryable });
  if (code === 'invalidClientIdOrSecret') return error('token', false);
  if (status === 401 || /InvalidAuthentication|InvalidAccessToken|AccessTokenExpired|TokenExpired/i.test(code)) return error('token');
  if (code.startsWith('Forbidden.AccessDenied.QpsLimit') || status === 429) return error('rate_limited');
  if (code === 'Forbidden.AccessDenied.ApiCountLimitForOrg') return error('rate_limited', false);
  if (NOT_FOUND_CODES.has(code)) return error('not_found');
  if (status >= 500) return error('server');
  return error('business');
}

function fromHttpStatus(status: number, code: string): DingTalkError {
  const message = `DingTalk answered HTTP ${status} without a usable body`;
  if (status === 429) return new DingTalkError({ kind: 'rate_limited', code, message, status });
  if (status === 401) return new DingTalkError({ kind: 'token', code, message, status });
  if (status >= 500 || status < 300) return new DingTalkError({ kind: 'server', code, message, status });
  return new DingTalkError({ kind: 'business', code, message, status });
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A fetch rejection: AbortSignal.timeout fires a TimeoutError; everything else is the network. */
function fromFetchError(error: unknown): DingTalkError {
  if (isDingTalkError(error)) return error;
  const name = (error as Error | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new DingTalkError({ kind: 'timeout', code: 'timeout', message: 'DingTalk did not answer in time', cause: safeCause(error) });
  }
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = errorCode(cause) ?? errorCode(error) ?? 'network';
  return new DingTalkError({ kind: 'network', code, message: `DingTalk unreachable (${code})`, cause: safeCause(error) });
}

/**
 * An SDK rejection. HTTP 4xx/5xx arrive as tea errors with the body and `statusCode` in `data`
 * (DINGTALK.md §1.4); timeouts as `RequestTimeoutError`; a non-JSON body as a SyntaxError (which
 * loses the status — most likely a gateway's error page, so worth trying again).
 */
function fromSdkError(error: unknown): DingTalkError {
  if (isDingTalkError(error)) return error;
  const data = ApiErrorBodySchema.safeParse((error as { data?: unknown } | null)?.data);
  if (data.success && data.data.statusCode !== undefined) {
    return fromApiError(data.data.statusCode, data.data.code ?? `http_${data.data.statusCode}`, data.data.message ?? '');
  }
  const name = (error as Error | null)?.name ?? '';
  const code = errorCode(error);
  if (name === 'RequestTimeoutError' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new DingTalkError({ kind: 'timeout', code: 'timeout', message: 'DingTalk did not answer in time', cause: safeCause(error) });
  }
  if (code !== undefined && NETWORK_CODES.has(code)) {
    return new DingTalkError({ kind: 'network', code, message: `DingTalk unreachable (${code})`, cause: safeCause(error) });
  }
  if (name === 'SyntaxError') {
    return new DingTalkError({ kind: 'server', code: 'invalid_response', message: 'DingTalk answered with a non-JSON body', cause: safeCause(error) });
  }
  return new DingTalkError({ kind: 'server', code: 'unexpected', message: `DingTalk call failed: ${safeCause(error).message}`, retryable: false, cause: safeCause(error) });
}

/**
 * What of an underlying error is kept as `cause`: name and message, with any access token cut out.
 * The SDK's errors can carry the whole request (token header included) in `data`, and a fetch
 * error can quote the URL (token in the query) — neither may reach a log line.
 */
function safeCause(error: unknown): Error {
  const source = error as { name?: unknown; message?: unknown; code?: unknown } | null;
  const message = typeof source?.message === 'string' ? source.message : String(error);
  const cause = new Error(message.replace(/access_token=[^&\s]*/gi, 'access_token=[redacted]'));
  cause.name = typeof source?.name === 'string' ? source.name : 'Error';
  const code = errorCode(error) ?? errorCode((error as { cause?: unknown } | null)?.cause);
  if (code !== undefined) Object.assign(cause, { code });
  return cause;
}

function toDingTalkError(error: unknown): DingTalkError {
  return isDingTalkError(error) ? error : fromSdkError(error);
}
