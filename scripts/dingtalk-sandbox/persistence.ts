import type { Middleware } from 'koa';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { isRecord } from './http.js';
import type {
  ApprovalInstance,
  CallbackRecord,
  CallRecord,
  FormTemplate,
  NotificationRecord,
  SandboxState,
  SendTask,
  TodoTask,
} from './state.js';

/**
 * Optional persistence of the sandbox state to one JSON file, so approvals our database refers to
 * survive a restart. Per-run things stay out: tokens, auth codes, faults, baseUrl, callbackUrl.
 * Maps are stored as arrays of entries; the write goes to `<file>.tmp` and is renamed into place.
 */

const FORMAT_VERSION = 1;
/** The newest callbacks and calls kept in the file (each); memory keeps everything until restart. */
export const PERSISTED_LOG_LIMIT = 500;

const record = <T>() => z.custom<T>(isRecord);

const PersistedStateSchema = z.object({
  version: z.literal(FORMAT_VERSION),
  forms: z.array(z.tuple([z.string(), record<FormTemplate>()])),
  approvals: z.array(z.tuple([z.string(), record<ApprovalInstance>()])),
  sendTasks: z.array(z.tuple([z.number().int(), record<SendTask>()])),
  notifications: z.array(z.tuple([z.string(), z.array(record<NotificationRecord>())])),
  sentContent: z.array(z.tuple([z.string(), z.array(z.tuple([z.string(), z.string()]))])),
  todos: z.array(record<TodoTask>()),
  callbacks: z.array(record<CallbackRecord>()),
  calls: z.array(record<CallRecord>()),
  nextTaskId: z.number().int(),
  nextSendTaskId: z.number().int(),
});

type PersistedState = z.infer<typeof PersistedStateSchema>;

export type PersistedPart = Pick<
  SandboxState,
  'forms' | 'approvals' | 'sendTasks' | 'notifications' | 'sentContent' | 'todos' | 'callbacks' | 'calls' | 'nextTaskId' | 'nextSendTaskId'
>;

/** Writes the persistent part of `state` to `file` atomically, creating the directory if needed. */
export function saveState(state: SandboxState, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(toPersisted(state)));
  renameSync(tmp, file);
}

/**
 * Reads a file written by saveState: null when it does not exist. A file that cannot be read or
 * parsed is reported through `warn`, moved aside to `<file>.corrupt` and treated as empty (null).
 */
export function loadState(file: string, warn: (message: string) => void): PersistedPart | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    warn(`cannot read sandbox state ${file} (${(error as Error).message}); starting empty`);
    return null;
  }
  const parsed = parsePersisted(text);
  if (typeof parsed === 'string') {
    warn(`ignoring corrupt sandbox state ${file} (${parsed}); starting empty, ${moveAside(file)}`);
    return null;
  }
  return fromPersisted(parsed);
}

/** Puts loaded state into a fresh one; counters never go back below the ids already handed out. */
export function restoreState(state: SandboxState, saved: PersistedPart): void {
  const { nextTaskId, nextSendTaskId, ...rest } = saved;
  Object.assign(state, rest);
  state.nextTaskId = Math.max(state.nextTaskId, nextTaskId);
  state.nextSendTaskId = Math.max(state.nextSendTaskId, nextSendTaskId);
}

export interface StateSaver {
  /** Saves within `intervalMs`; further calls until then share that save. */
  schedule(): void;
  /** Saves now and stops: later schedule() calls do nothing. */
  close(): void;
}

/** Batches saves to at most one per `intervalMs`; failures are reported through `warn`, never thrown. */
export function createStateSaver(options: { state: SandboxState; file: string; intervalMs?: number; warn: (message: string) => void }): StateSaver {
  const intervalMs = options.intervalMs ?? 200;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  function save(): void {
    try {
      saveState(options.state, options.file);
    } catch (error) {
      options.warn(`cannot save sandbox state to ${options.file}: ${(error as Error).message}`);
    }
  }

  return {
    schedule() {
      if (closed || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        save();
      }, intervalMs);
    },
    close() {
      if (closed) return;
      closed = true;
      clearTimeout(timer);
      timer = undefined;
      save();
    },
  };
}

/** Schedules a save after every request that may have changed the state (anything but GET/HEAD). */
export function saveAfterChanges(saver: StateSaver): Middleware {
  return async function saveStateAfterChanges(ctx, next) {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') return next();
    try {
      await next();
    } finally {
      saver.schedule();
    }
  };
}

function toPersisted(state: SandboxState): PersistedState {
  // Only the newest callbacks are kept; they are renumbered so that callbacks[i].index === i still holds
  // (redeliver looks records up by position). A redelivery whose original was dropped keeps no link.
  const kept = state.callbacks.slice(-PERSISTED_LOG_LIMIT);
  const newIndex = new Map(kept.map((callback, position) => [callback.index, position]));
  const callbacks = kept.map((callback, position) => ({
    ...callback,
    index: position,
    redeliveryOf: callback.redeliveryOf === undefined ? undefined : newIndex.get(callback.redeliveryOf),
  }));
  return {
    version: FORMAT_VERSION,
    forms: [...state.forms],
    approvals: [...state.approvals],
    sendTasks: [...state.sendTasks],
    notifications: [...state.notifications],
    sentContent: [...state.sentContent].map(([userId, seen]) => [userId, [...seen]]),
    todos: state.todos,
    callbacks,
    calls: state.calls.slice(-PERSISTED_LOG_LIMIT),
    nextTaskId: state.nextTaskId,
    nextSendTaskId: state.nextSendTaskId,
  };
}

function fromPersisted(saved: PersistedState): PersistedPart {
  const approvals = new Map(saved.approvals);
  const sendTasks = new Map(saved.sendTasks);
  const notifications = new Map(saved.notifications);
  const taskIds = [...approvals.values()].flatMap((instance) => (Array.isArray(instance.tasks) ? instance.tasks.map((task) => task.taskId) : []));
  const sendTaskIds = [...sendTasks.keys(), ...[...notifications.values()].flat().map((notice) => notice.taskId)];
  return {
    forms: new Map(saved.forms),
    approvals,
    sendTasks,
    notifications,
    sentContent: new Map(saved.sentContent.map(([userId, seen]) => [userId, new Map(seen)])),
    todos: saved.todos,
    // A push still queued when the previous run stopped will never be attempted.
    callbacks: saved.callbacks.map((callback) =>
      callback.status === 'pending' ? { ...callback, status: 'failed' as const, error: 'sandbox stopped before delivery' } : callback,
    ),
    calls: saved.calls,
    nextTaskId: pastEvery(saved.nextTaskId, taskIds),
    nextSendTaskId: pastEvery(saved.nextSendTaskId, sendTaskIds),
  };
}

/** `counter`, raised past every id already in use (a hand-edited file must not cause collisions). */
function pastEvery(counter: number, ids: number[]): number {
  let next = counter;
  for (const id of ids) if (typeof id === 'number' && id >= next) next = id + 1;
  return next;
}

/** The parsed file, or why it is unusable. */
function parsePersisted(text: string): PersistedState | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  const result = PersistedStateSchema.safeParse(json);
  return result.success ? result.data : z.prettifyError(result.error).replace(/\n/g, '; ');
}

function moveAside(file: string): string {
  const aside = `${file}.corrupt`;
  try {
    renameSync(file, aside);
    return `the file was moved to ${aside}`;
  } catch (error) {
    return `could not move it aside (${(error as Error).message}); the next save overwrites it`;
  }
}
