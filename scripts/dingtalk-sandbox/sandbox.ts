import Koa from 'koa';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackCrypto } from '../../server/src/dingtalk/callbackCrypto.js';
import type { ApprovalDeps } from './approvals.js';
import type { TokenDeps } from './auth.js';
import { createCallbackDispatcher, type CallbackDispatcher } from './callbacks.js';
import type { SandboxDeps } from './deps.js';
import type { EventContext } from './events.js';
import { injectFaults } from './faults.js';
import { newProcessCode } from './forms.js';
import { apiError, bodyReader, dialectOf, errorHandler, oapiError } from './http.js';
import { loadOrg, type Org } from './org.js';
import { controlCors, controlRouter } from './routes/control.js';
import { oapiRouter } from './routes/oapi.js';
import { oauthRouter } from './routes/oauth.js';
import { todoRouter } from './routes/todo.js';
import { workflowRouter } from './routes/workflow.js';
import { createState, type FormTemplate, type SandboxState } from './state.js';

/**
 * A local stand-in for the DingTalk Open API (ARCHITECTURE.md "The DingTalk sandbox"): the same
 * paths, shapes and error formats as api.dingtalk.com and oapi.dingtalk.com for everything we call,
 * in-memory state, encrypted event callbacks pushed to our server, a control API and a page.
 */
export interface SandboxOptions {
  appKey?: string;
  appSecret?: string;
  /** Defaults to the org file's corpId. */
  corpId?: string;
  callbackToken?: string;
  /** 43-character EncodingAESKey. */
  callbackAesKey?: string;
  /** Owner key inside encrypted callbacks; DingTalk uses the app key for console event subscriptions. */
  callbackOwnerKey?: string;
  /** Where to push events (our server's /dingtalk/callback). Unset: callbacks are recorded, not sent. */
  callbackUrl?: string;
  /** Base URL of our H5 app, for the page's "open as this user" link. */
  h5Url?: string;
  org?: Org;
  orgFile?: string;
  /** Templates that exist before anyone calls FormCreate (e.g. a fixed process code for `npm start`). */
  /** Templates that exist from the start; without components any form label is accepted. */
  seedForms?: Array<{ name: string; processCode?: string; formComponents?: FormTemplate['formComponents'] }>;
  tokenTtlSeconds?: number;
  authCodeTtlMs?: number;
  /** How long a `timeout` fault holds the request (must exceed the client's timeout). */
  faultTimeoutMs?: number;
  callbackDelayMs?: number;
  callbackTimeoutMs?: number;
  terminateMinAgeMs?: number;
  /** Clock for tokens, auth codes and timestamps (tests move it forward). */
  now?: () => number;
  /** Called with errors no route anticipated (the response is the dialect's system error). */
  onUnexpectedError?: (error: unknown) => void;
}

export interface RunningSandbox {
  url: string;
  close: () => Promise<void>;
}

export interface Sandbox {
  app: Koa;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  state: SandboxState;
  org: Org;
  config: { appKey: string; appSecret: string; corpId: string; callbackToken: string; callbackAesKey: string; callbackOwnerKey: string };
  listen: (port?: number, host?: string) => Promise<RunningSandbox>;
  /** Resolves once every queued callback push has been attempted. */
  callbacksIdle: () => Promise<void>;
  setCallbackUrl: (url: string | undefined) => void;
}

export const SANDBOX_DEFAULTS = {
  appKey: 'dingsandboxappkey',
  appSecret: 'sandbox-secret',
  callbackToken: 'sandboxtoken',
  callbackAesKey: 'c2FuZGJveGFlc2tleXNhbmRib3hhZXNrZXlzYW5kYm9',
} as const;

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const org = options.org ?? loadOrg(options.orgFile);
  const now = options.now ?? Date.now;
  const appKey = options.appKey ?? SANDBOX_DEFAULTS.appKey;
  const config = {
    appKey,
    appSecret: options.appSecret ?? SANDBOX_DEFAULTS.appSecret,
    corpId: options.corpId ?? org.corpId,
    callbackToken: options.callbackToken ?? SANDBOX_DEFAULTS.callbackToken,
    callbackAesKey: options.callbackAesKey ?? SANDBOX_DEFAULTS.callbackAesKey,
    callbackOwnerKey: options.callbackOwnerKey ?? appKey,
  };
  const crypto = createCallbackCrypto({ token: config.callbackToken, aesKey: config.callbackAesKey, ownerKey: config.callbackOwnerKey });
  const state = createState(options.callbackUrl);
  seedForms(state, options.seedForms ?? [], now());

  const callbacks = createCallbackDispatcher({
    state,
    crypto,
    now,
    delayMs: options.callbackDelayMs ?? 20,
    timeoutMs: options.callbackTimeoutMs ?? 1500,
  });
  const tokens: TokenDeps = { state, now, tokenTtlSeconds: options.tokenTtlSeconds ?? 7200 };
  const events: EventContext = {
    corpId: config.corpId,
    now,
    approvalUrl: (instance) => {
      const starter = instance.tasks.find((task) => task.status === 'RUNNING')?.userId ?? instance.originatorUserId;
      return `${state.baseUrl}/?user=${encodeURIComponent(starter)}&instance=${encodeURIComponent(instance.instanceId)}`;
    },
  };
  const approvals: ApprovalDeps = { state, org, events, emit: (payloads) => callbacks.push(payloads), terminateMinAgeMs: options.terminateMinAgeMs ?? 0 };
  const deps: SandboxDeps = {
    state,
    org,
    now,
    appKey: config.appKey,
    appSecret: config.appSecret,
    corpId: config.corpId,
    h5Url: options.h5Url ?? '',
    authCodeTtlMs: options.authCodeTtlMs ?? 5 * 60_000,
    tokens,
    approvals,
    callbacks,
    crypto,
  };

  const holds = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const hold = (ms: number) =>
    new Promise<void>((resolve) => {
      const entry = { timer: setTimeout(() => finish(), ms), resolve: () => finish() };
      function finish() {
        clearTimeout(entry.timer);
        holds.delete(entry);
        resolve();
      }
      holds.add(entry);
    });

  const app = buildApp(deps, {
    hold,
    faultTimeoutMs: options.faultTimeoutMs ?? 3000,
    onUnexpected: options.onUnexpectedError ?? (() => undefined),
  });
  const handler = app.callback();

  return {
    app,
    handler,
    state,
    org,
    config,
    callbacksIdle: () => callbacks.idle(),
    setCallbackUrl: (url) => {
      state.callbackUrl = url;
    },
    listen: (port = 0, host = '127.0.0.1') => listen(handler, state, callbacks, holds, port, host),
  };
}

function buildApp(
  deps: SandboxDeps,
  extra: { hold: (ms: number) => Promise<void>; faultTimeoutMs: number; onUnexpected: (error: unknown) => void },
): Koa {
  const app = new Koa();
  app.silent = true;
  app.use(async function recordCall(ctx, next) {
    if (dialectOf(ctx.path) === 'control') return next();
    const call: SandboxState['calls'][number] = { method: ctx.method, path: ctx.path, at: deps.now() };
    deps.state.calls.push(call);
    try {
      await next();
    } finally {
      call.status = ctx.status;
      if (ctx.state.fault) call.fault = ctx.state.fault;
    }
  });
  app.use(errorHandler((error) => extra.onUnexpected(error)));
  app.use(controlCors());
  app.use(injectFaults({ ...deps.tokens, faultTimeoutMs: extra.faultTimeoutMs, hold: extra.hold }));
  app.use(bodyReader());
  for (const router of [oauthRouter(deps), workflowRouter(deps), oapiRouter(deps), todoRouter(deps), controlRouter(deps)]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  app.use(async function notFound(ctx) {
    switch (dialectOf(ctx.path)) {
      case 'api':
        throw apiError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
      case 'oapi':
        throw oapiError(404, '请求的URI地址不存在');
      default:
        ctx.status = 404;
        ctx.body = { error: { code: 'not_found', message: `no sandbox route ${ctx.method} ${ctx.path}` } };
    }
  });
  return app;
}

function seedForms(state: SandboxState, forms: NonNullable<SandboxOptions['seedForms']>, now: number): void {
  for (const form of forms) {
    const processCode = form.processCode ?? newProcessCode();
    state.forms.set(processCode, { processCode, name: form.name, formComponents: form.formComponents ?? [], createdAt: now, updatedAt: now });
  }
}

function listen(
  handler: Sandbox['handler'],
  state: SandboxState,
  callbacks: CallbackDispatcher,
  holds: Set<{ resolve: () => void }>,
  port: number,
  host: string,
): Promise<RunningSandbox> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      const url = `http://${publicHost.includes(':') ? `[${publicHost}]` : publicHost}:${address.port}`;
      state.baseUrl = url;
      resolve({
        url,
        close: () =>
          new Promise<void>((done, fail) => {
            callbacks.close();
            for (const entry of [...holds]) entry.resolve();
            server.close((error) => (error ? fail(error) : done()));
            server.closeAllConnections();
          }),
      });
    });
  });
}
