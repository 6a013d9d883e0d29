import Router from '@koa/router';
import { executeTask, listInstanceIds, presentInstance, requireInstance, startInstance, terminateInstance } from '../approvals.js';
import { requireToken } from '../auth.js';
import type { SandboxDeps } from '../deps.js';
import { presentSchema, saveForm } from '../forms.js';
import { apiError, body, optionalString, requiredInteger, requiredString } from '../http.js';

/** Approval APIs on api.dingtalk.com (DINGTALK.md §3). */
export function workflowRouter(deps: SandboxDeps): Router {
  const router = new Router();
  const auth = requireToken(deps.tokens);

  router.post('/v1.0/workflow/forms', auth, (ctx) => {
    const processCode = saveForm(deps.state, deps.now(), body(ctx));
    ctx.body = { result: { processCode } };
  });

  router.get('/v1.0/workflow/forms/schemas/processCodes', auth, (ctx) => {
    const processCode = typeof ctx.query.processCode === 'string' ? ctx.query.processCode : '';
    const form = deps.state.forms.get(processCode);
    if (!form) throw apiError(400, 'processCodeError', `模板不存在: ${processCode}`);
    ctx.body = { result: presentSchema(form) };
  });

  router.post('/v1.0/workflow/processInstances', auth, (ctx) => {
    const instance = startInstance(deps.approvals, body(ctx));
    ctx.body = { instanceId: instance.instanceId };
  });

  router.get('/v1.0/workflow/processInstances', auth, (ctx) => {
    const instanceId = typeof ctx.query.processInstanceId === 'string' ? ctx.query.processInstanceId : '';
    if (instanceId === '') throw apiError(400, 'invalidParameter', 'processInstanceId is mandatory');
    const instance = requireInstance(deps.state, instanceId);
    ctx.body = { result: presentInstance(deps.org, instance, deps.approvals.events.approvalUrl(instance)), success: 'true' };
  });

  router.post('/v1.0/workflow/processes/instanceIds/query', auth, (ctx) => {
    ctx.body = { result: listInstanceIds(deps.state, body(ctx)), success: true };
  });

  router.post('/v1.0/workflow/processInstances/execute', auth, (ctx) => {
    const input = body(ctx);
    const result = requiredString(ctx, input, 'result');
    if (result !== 'agree' && result !== 'refuse') throw apiError(400, 'invalidParameter', 'result must be agree or refuse');
    executeTask(deps.approvals, {
      processInstanceId: requiredString(ctx, input, 'processInstanceId'),
      taskId: requiredInteger(ctx, input, 'taskId'),
      actionerUserId: requiredString(ctx, input, 'actionerUserId'),
      result,
      remark: optionalString(ctx, input, 'remark'),
    });
    ctx.body = { result: true, success: true };
  });

  router.post('/v1.0/workflow/processInstances/terminate', auth, (ctx) => {
    const input = body(ctx);
    terminateInstance(deps.approvals, {
      processInstanceId: requiredString(ctx, input, 'processInstanceId'),
      isSystem: input.isSystem === true || input.isSystem === 'true',
      operatingUserId: optionalString(ctx, input, 'operatingUserId'),
      remark: optionalString(ctx, input, 'remark'),
    });
    ctx.body = { result: true, success: true };
  });

  return router;
}
