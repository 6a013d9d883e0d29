import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import { executeTask } from '../approvals.js';
import type { SandboxDeps } from '../deps.js';
import { FAULT_MODES } from '../faults.js';
import { body, controlError, SandboxHttpError } from '../http.js';
import { DISMISSION_STATUS, onboard, recordDismission } from '../hrm.js';
import { buildInbox } from '../inbox.js';
import { markRead } from '../messages.js';
import { findUser } from '../org.js';
import { renderPage } from '../page.js';
import { randomHex, resetState, snapshotState } from '../state.js';

/**
 * The sandbox's own API for tests and demos (not DingTalk's). Errors: {error: {code, message}}.
 * No CORS: the sandbox page calls it from its own origin, and the H5 app gets demo login codes through
 * our server (POST /api/v1/auth/sandbox-code), never from the browser; another site must not be able to
 * mint login codes or decide approvals from a visitor's browser.
 */

const AuthCodeSchema = z.object({ userId: z.string().min(1) });
const DecideSchema = z.object({ userId: z.string().min(1), result: z.enum(['agree', 'refuse']), remark: z.string().max(1024).optional() });
const FaultSchema = z.object({
  path: z.string().min(1).optional(),
  mode: z.enum(FAULT_MODES),
  count: z.number().int().min(1).max(10_000).default(1),
});
const RedeliverSchema = z.object({ index: z.number().int().min(0) });
const ConfigSchema = z.object({ callbackUrl: z.url().nullable() });
const OnboardSchema = z.object({ userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional() });
const LeaveSchema = z.object({
  lastWorkDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  reason: z.enum(['voluntary', 'passive']),
  memo: z.string().max(200).optional(),
  /** 待离职 (pending) instead of 已离职. */
  pending: z.boolean().optional(),
});
const ReadSchema = z.object({ userId: z.string().min(1), taskId: z.number().int() });

function parse<T>(schema: z.ZodType<T>, ctx: Context): T {
  const result = schema.safeParse(body(ctx));
  if (!result.success) throw controlError(400, 'bad_request', z.prettifyError(result.error));
  return result.data;
}

/**
 * Without CORS a foreign page still can *send* a simple POST (text/plain or a form) that the body
 * reader accepts. A browser names the page's origin in `Origin`; refuse changes from any origin but
 * the sandbox's own. Callers that are not browsers (our server, tests) send no Origin.
 */
export function sameOriginControl(): Middleware {
  return async function sandboxSameOrigin(ctx, next) {
    const origin = ctx.get('origin');
    const own = `${ctx.protocol}://${ctx.host}`; // (Koa 3's ctx.origin is the Origin header itself)
    if (ctx.path.startsWith('/__sandbox') && ctx.method !== 'GET' && ctx.method !== 'HEAD' && origin !== '' && origin !== own) {
      throw controlError(403, 'cross_origin', `the control API accepts changes from its own page only (got Origin ${origin})`);
    }
    await next();
  };
}

export function controlRouter(deps: SandboxDeps): Router {
  const router = new Router();
  const { state } = deps;

  router.get('/', (ctx) => {
    ctx.type = 'html';
    ctx.body = renderPage();
  });

  router.get('/__sandbox/state', (ctx) => {
    ctx.body = snapshotState(state);
  });

  router.get('/__sandbox/org', (ctx) => {
    ctx.body = { corpId: deps.corpId, h5Url: deps.h5Url, departments: deps.org.departments, users: deps.org.users };
  });

  router.get('/__sandbox/users/:userId/inbox', (ctx) => {
    const inbox = buildInbox(state, deps.org, deps.corpId, deps.h5Url, ctx.params.userId ?? '');
    if (!inbox) throw controlError(404, 'user_not_found', `no user ${ctx.params.userId ?? ''} in the sandbox org`);
    ctx.body = inbox;
  });

  router.post('/__sandbox/auth-codes', (ctx) => {
    const { userId } = parse(AuthCodeSchema, ctx);
    if (!findUser(deps.org, userId)) throw controlError(404, 'user_not_found', `no user ${userId} in the sandbox org`);
    const code = randomHex(16);
    state.authCodes.set(code, { userId, expiresAt: deps.now() + deps.authCodeTtlMs, used: false });
    ctx.body = { code };
  });

  router.post('/__sandbox/approvals/:instanceId/decide', (ctx) => {
    const { userId, result, remark } = parse(DecideSchema, ctx);
    const instance = state.approvals.get(ctx.params.instanceId ?? '');
    if (!instance) throw controlError(404, 'approval_not_found', `no approval instance ${ctx.params.instanceId ?? ''}`);
    const task = instance.tasks.find((t) => t.userId === userId && t.status === 'RUNNING');
    if (!task) throw controlError(409, 'no_running_task', `${userId} has no running task in ${instance.instanceId}`);
    try {
      executeTask(deps.approvals, { processInstanceId: instance.instanceId, taskId: task.taskId, actionerUserId: userId, result, remark });
    } catch (error) {
      if (error instanceof SandboxHttpError) throw controlError(409, String(error.body.code), String(error.body.message));
      throw error;
    }
    ctx.body = { instanceId: instance.instanceId, taskId: task.taskId, status: instance.status, result: instance.result ?? null };
  });

  router.post('/__sandbox/faults', (ctx) => {
    const { path, mode, count } = parse(FaultSchema, ctx);
    if (mode !== 'drop_callback' && !path) throw controlError(400, 'bad_request', 'path is required for request faults');
    // drop_callback applies to the next pushed callbacks whatever path was given.
    state.faults.push({ path: mode === 'drop_callback' ? '*' : (path ?? '*'), mode, remaining: count });
    ctx.body = { faults: state.faults };
  });

  router.post('/__sandbox/reset', (ctx) => {
    resetState(state);
    ctx.body = { ok: true };
  });

  router.post('/__sandbox/callbacks/redeliver', (ctx) => {
    const { index } = parse(RedeliverSchema, ctx);
    const record = deps.callbacks.redeliver(index);
    if (!record) throw controlError(404, 'callback_not_found', `no recorded callback #${index}`);
    ctx.body = { index: record.index, eventId: record.eventId };
  });

  router.put('/__sandbox/config', (ctx) => {
    const { callbackUrl } = parse(ConfigSchema, ctx);
    state.callbackUrl = callbackUrl ?? undefined;
    ctx.body = { callbackUrl: state.callbackUrl ?? null };
  });

  /** HR onboarded a pre-entry person in 智能人事: they become an org user with that mobile and a new user id. */
  router.post('/__sandbox/hrm/preentries/:tmpUserId/onboard', (ctx) => {
    const { userId } = parse(OnboardSchema, ctx);
    const preEntry = state.preEntries.find((p) => p.tmpUserId === ctx.params.tmpUserId);
    if (!preEntry) throw controlError(404, 'preentry_not_found', `no pre-entry ${ctx.params.tmpUserId ?? ''}`);
    if (preEntry.onboardedUserId) throw controlError(409, 'already_onboarded', `pre-entry ${preEntry.tmpUserId} is already user ${preEntry.onboardedUserId}`);
    const taken = userId && (findUser(deps.org, userId) || state.employees.some((e) => e.userId === userId));
    if (taken) throw controlError(409, 'user_exists', `user ${userId} already exists`);
    const employee = onboard(state, deps.now(), preEntry, userId);
    ctx.body = { userId: employee.userId, mobile: employee.mobile, name: employee.name };
  });

  /** An employee leaves (智能人事 records the departure with its last working day and a reason). */
  router.post('/__sandbox/hrm/employees/:userId/leave', (ctx) => {
    const { lastWorkDay, reason, memo, pending } = parse(LeaveSchema, ctx);
    const userId = ctx.params.userId ?? '';
    const employee = state.employees.find((e) => e.userId === userId) ?? findUser(deps.org, userId);
    if (!employee) throw controlError(404, 'user_not_found', `no employee ${userId}`);
    const reasons = [memo ?? (reason === 'voluntary' ? '个人原因' : '试用期不合格')];
    recordDismission(state, {
      userId,
      name: employee.name,
      lastWorkDay: Date.parse(`${lastWorkDay}T00:00:00+08:00`),
      voluntaryReason: reason === 'voluntary' ? reasons : [],
      passiveReason: reason === 'passive' ? reasons : [],
      reasonMemo: memo ?? '',
      status: pending ? DISMISSION_STATUS.pending : DISMISSION_STATUS.left,
    });
    ctx.body = { userId, lastWorkDay, reason, status: pending ? 'pending' : 'left' };
  });

  router.post('/__sandbox/notifications/read', (ctx) => {
    const { userId, taskId } = parse(ReadSchema, ctx);
    if (!markRead(state, userId, taskId)) throw controlError(404, 'notification_not_found', `no notification ${taskId} for ${userId}`);
    ctx.body = { ok: true };
  });

  return router;
}
