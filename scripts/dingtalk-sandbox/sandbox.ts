import Koa from 'koa';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallbackCrypto } from '../../server/src/platform/dingtalk/callbackCrypto.js';
import type { ApprovalDeps } from './approvals.js';
import type { TokenDeps } from './auth.js';
import { createCallbackDispatcher, type CallbackDispatcher } from './callbacks.js';
import type { SandboxDeps } from './deps.js';
import type { EventContext } from './events.js';
import { injectFaults } from './faults.js';
import { newProcessCode } from './forms.js';
import { apiError, bodyReader, dialectOf, errorHandler, oapiError } from './http.js';
import { loadOrg, type Org } from './org.js';
import { createStateSaver, loadState, restoreState, saveAfterChanges, type StateSaver } from './persistence.js';
import { controlRouter, sameOriginControl } from './routes/control.js';
import { hrmRouter } from './routes/hrm.js';
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
  /**
   * JSON file that keeps the state across restarts (tokens, auth codes, faults and the callback URL
   * stay per run). Loaded at creation; saved at most every 200 ms after changes and on close().
   */
  stateFile?: string;
  /** Problems that do not stop the sandbox (an unreadable state file, a failed save). Default: stderr. */
  onWarning?: (message: string) => void;
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
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`dingtalk-sandbox: ${message}\n`));
  const saved = options.stateFile ? loadState(options.stateFile, warn) : null;
  if (saved) restoreState(state, saved);
  // After restoring: a seeded template is the current configuration, so it replaces a saved one.
  seedForms(state, options.seedForms ?? [], now());
  const saver = options.stateFile ? createStateSaver({ state, file: options.stateFile, warn }) : undefined;

  const callbacks = createCallbackDispatcher({
    state,
    crypto,
    now,
    delayMs: options.callbackDelayMs ?? 20,
    timeoutMs: options.callbackTimeoutMs ?? 1500,
    onRecordChange: saver && (() => saver.schedule()),
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
    saver,
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
    listen: (port = 0, host = '127.0.0.1') => listen(handler, state, callbacks, holds, saver, port, host),
  };
}

function buildApp(
  deps: SandboxDeps,
  extra: { hold: (ms: number) => Promise<void>; faultTimeoutMs: number; onUnexpected: (error: unknown) => void; saver?: StateSaver },
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
  app.use(sameOriginControl());
  app.use(injectFaults({ ...deps.tokens, faultTimeoutMs: extra.faultTimeoutMs, hold: extra.hold }));
  app.use(bodyReader());
  if (extra.saver) app.use(saveAfterChanges(extra.saver));
  for (const router of [oauthRouter(deps), workflowRouter(deps), oapiRouter(deps), hrmRouter(deps), todoRouter(deps), controlRouter(deps)]) {
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
    // Without a fixed process code, a template of that name restored from the state file is the one.
    if (!form.processCode && [...state.forms.values()].some((existing) => existing.name === form.name)) continue;
    const processCode = form.processCode ?? newProcessCode();
    const createdAt = state.forms.get(processCode)?.createdAt ?? now;
    state.forms.set(processCode, { processCode, name: form.name, formComponents: form.formComponents ?? [], createdAt, updatedAt: now });
  }
}

function listen(
  handler: Sandbox['handler'],
  state: SandboxState,
  callbacks: CallbackDispatcher,
  holds: Set<{ resolve: () => void }>,
  saver: StateSaver | undefined,
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
            server.close((error) => {
              // Last, so the save includes whatever the requests still open at close() did.
              saver?.close();
              if (error) fail(error);
              else done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}
