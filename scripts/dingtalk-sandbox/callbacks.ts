import type { CallbackCrypto } from '../../server/src/platform/dingtalk/callbackCrypto.js';
import { randomAlnum } from '../../server/src/platform/dingtalk/callbackCrypto.js';
import type { EventPayload } from './events.js';
import { takeFault } from './faults.js';
import type { CallbackRecord, SandboxState } from './state.js';

/**
 * Pushes encrypted event callbacks to the configured URL, one at a time and in order, after the API
 * call that caused them: POST <url>?msg_signature&timestamp&nonce with body {encrypt}. The reply must
 * be the encrypted `success` map (DINGTALK.md §2.1–2.3) within the deadline; every push is recorded.
 */
export interface CallbackDispatcherDeps {
  state: SandboxState;
  crypto: CallbackCrypto;
  now: () => number;
  /** Pause before each push, so the triggering API response reaches its caller first. */
  delayMs: number;
  /** DingTalk counts a push as failed when the reply takes longer than 1500 ms. */
  timeoutMs: number;
  /** Called whenever a record is added or its delivery outcome is written (e.g. to persist the state). */
  onRecordChange?: () => void;
}

export interface CallbackDispatcher {
  push(payloads: EventPayload[]): void;
  redeliver(index: number): CallbackRecord | undefined;
  /** Resolves when every queued push has been attempted. */
  idle(): Promise<void>;
  close(): void;
}

export function createCallbackDispatcher(deps: CallbackDispatcherDeps): CallbackDispatcher {
  const { state } = deps;
  let chain: Promise<void> = Promise.resolve();
  let closed = false;

  function enqueue(record: CallbackRecord): void {
    const records = state.callbacks;
    records.push(record);
    deps.onRecordChange?.();
    chain = chain.then(async () => {
      // Always at least a macrotask, so the triggering API response has been written first.
      await new Promise((resolve) => (deps.delayMs > 0 ? setTimeout(resolve, deps.delayMs) : setImmediate(resolve)));
      await deliver(record);
      deps.onRecordChange?.();
    });
  }

  async function deliver(record: CallbackRecord): Promise<void> {
    record.at = deps.now();
    if (closed) {
      record.status = 'failed';
      record.error = 'sandbox closed before delivery';
      return;
    }
    if (takeFault(state, '*', ['drop_callback'])) {
      record.status = 'dropped';
      return;
    }
    if (!state.callbackUrl) {
      record.status = 'no_callback_url';
      return;
    }
    const timestamp = String(deps.now());
    const nonce = randomAlnum(8);
    const encrypt = deps.crypto.encrypt(JSON.stringify(record.payload));
    const url = new URL(state.callbackUrl);
    url.searchParams.set('msg_signature', deps.crypto.signature(timestamp, nonce, encrypt));
    url.searchParams.set('timestamp', timestamp);
    url.searchParams.set('nonce', nonce);
    const started = Date.now();
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ encrypt }),
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
      record.httpStatus = response.status;
      const problem = replyProblem(deps.crypto, response.status, await response.text());
      record.replyValid = problem === undefined;
      record.status = record.replyValid ? 'delivered' : 'failed';
      if (problem !== undefined) record.error = problem;
    } catch (error) {
      record.status = 'failed';
      record.replyValid = false;
      record.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    } finally {
      record.durationMs = Date.now() - started;
    }
  }

  function newRecord(payload: EventPayload, redeliveryOf?: number): CallbackRecord {
    return {
      index: state.callbacks.length,
      eventId: String(payload.eventId),
      eventType: String(payload.EventType),
      type: String(payload.type),
      processInstanceId: typeof payload.processInstanceId === 'string' ? payload.processInstanceId : undefined,
      taskId: typeof payload.taskId === 'number' ? payload.taskId : undefined,
      payload,
      status: 'pending',
      redeliveryOf,
      at: deps.now(),
    };
  }

  return {
    push(payloads) {
      for (const payload of payloads) enqueue(newRecord(payload));
    },
    redeliver(index) {
      const original = state.callbacks[index];
      if (!original) return undefined;
      const record = newRecord(original.payload, original.redeliveryOf ?? original.index);
      enqueue(record);
      return record;
    },
    async idle() {
      let current: Promise<void>;
      do {
        current = chain;
        await current;
      } while (current !== chain);
    },
    close() {
      closed = true;
    },
  };
}

/** Why a reply is not DingTalk's required encrypted `success` map, or undefined when it is. */
export function replyProblem(crypto: CallbackCrypto, status: number, text: string): string | undefined {
  if (status !== 200) return `HTTP ${status}`;
  let reply: unknown;
  try {
    reply = JSON.parse(text);
  } catch (error) {
    return `reply is not JSON (${(error as Error).message})`;
  }
  if (typeof reply !== 'object' || reply === null) return 'reply is not a JSON object';
  const { msg_signature: signature, timeStamp: timestamp, nonce, encrypt } = reply as Record<string, unknown>;
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || typeof nonce !== 'string' || typeof encrypt !== 'string') {
    return 'reply lacks msg_signature/timeStamp/nonce/encrypt strings';
  }
  try {
    const message = crypto.decryptVerified({ signature, timestamp, nonce, encrypt });
    return message === 'success' ? undefined : `reply decrypts to ${JSON.stringify(message.slice(0, 50))}, not "success"`;
  } catch (error) {
    return `reply rejected: ${(error as Error).message}`;
  }
}
