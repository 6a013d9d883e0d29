import { Brackets, type DataSource } from 'typeorm';
import { OutboxMessage } from '../db/entities/index.js';
import { inTransaction, isMysql } from '../db/transaction.js';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { scrubText } from '../logger.js';

/** Delivers one outbox message. Must be idempotent: after a crash the same message can run again. */
export type OutboxHandler = (message: OutboxMessage, log: Logger) => Promise<void>;

export type OutboxHandlers = Record<string, OutboxHandler>;

/** The engine knows no kinds: each feature hands in its own; a kind registered twice is a wiring mistake. */
export function registerHandlers(...groups: OutboxHandlers[]): OutboxHandlers {
  const all: OutboxHandlers = {};
  for (const group of groups) {
    for (const [kind, handler] of Object.entries(group)) {
      if (all[kind]) throw new Error(`outbox kind ${kind} is registered twice`);
      all[kind] = handler;
    }
  }
  return all;
}

/** Thrown by a handler when trying again cannot help (bad configuration, refused by the peer). */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

export interface OutboxWorkerOptions {
  ds: DataSource;
  log: Logger;
  handlers: OutboxHandlers;
  /** Identifies this process in `lockedBy`. */
  workerId: string;
  batchSize?: number;
  /** How long a claim is held; a crashed worker's messages become due again after it. */
  leaseMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Defaults to the system clock. */
  clock?: Clock;
  random?: () => number;
}

export interface DeliveryReport {
  delivered: number;
  retried: number;
  failed: number;
}

const DEFAULTS = { clock: systemClock, batchSize: 10, leaseMs: 60_000, maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 10 * 60_000 };

/** Exponential backoff with full jitter in [delay/2, delay]. */
export function backoffMs(attempt: number, base: number, max: number, random: () => number = Math.random): number {
  const delay = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(delay / 2 + (random() * delay) / 2);
}

/**
 * Claim up to `batchSize` due messages for this worker. On MySQL the rows are selected
 * `FOR UPDATE SKIP LOCKED` so concurrent instances never claim the same row; SQLite has one writer.
 */
export async function claimDueMessages(options: OutboxWorkerOptions): Promise<OutboxMessage[]> {
  const o = { ...DEFAULTS, ...options };
  const now = o.clock.now();
  return inTransaction(o.ds, async (em) => {
    const qb = em
      .createQueryBuilder(OutboxMessage, 'o')
      .where('o.status = :status', { status: 'pending' })
      .andWhere('o.nextAttemptAt <= :now', { now })
      .andWhere(new Brackets((b) => b.where('o.lockedUntil IS NULL').orWhere('o.lockedUntil <= :now', { now })))
      .orderBy('o.nextAttemptAt', 'ASC')
      .take(o.batchSize);
    if (isMysql(o.ds)) qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    const due = await qb.getMany();
    if (due.length === 0) return [];
    const lockedUntil = new Date(now.getTime() + o.leaseMs);
    for (const message of due) {
      await em.update(OutboxMessage, { id: message.id }, { lockedBy: o.workerId, lockedUntil, updatedAt: now });
      message.lockedBy = o.workerId;
      message.lockedUntil = lockedUntil;
    }
    return due;
  });
}

/** Claim and deliver one batch. Each message succeeds, is rescheduled with backoff, or fails for good. */
export async function deliverDueMessages(options: OutboxWorkerOptions): Promise<DeliveryReport> {
  const o = { ...DEFAULTS, ...options };
  const report: DeliveryReport = { delivered: 0, retried: 0, failed: 0 };
  for (const message of await claimDueMessages(o)) {
    const log = o.log.child({ outboxId: message.id, kind: message.kind, attempt: message.attempts + 1 });
    const handler = o.handlers[message.kind];
    try {
      if (!handler) throw new PermanentDeliveryError(`no handler for outbox kind ${message.kind}`);
      await withRenewedLease(o, message, () => handler(message, log));
      const now = o.clock.now();
      await o.ds.getRepository(OutboxMessage).update(
        { id: message.id, lockedBy: o.workerId },
        { status: 'delivered', attempts: message.attempts + 1, deliveredAt: now, updatedAt: now, lockedBy: null, lockedUntil: null, lastError: null },
      );
      report.delivered += 1;
    } catch (error) {
      const attempts = message.attempts + 1;
      const permanent = error instanceof PermanentDeliveryError || attempts >= o.maxAttempts;
      const now = o.clock.now();
      // Admins read this in 消息投递: no candidate phone numbers or emails in it.
      const text = scrubText(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      await o.ds.getRepository(OutboxMessage).update(
        { id: message.id, lockedBy: o.workerId },
        {
          status: permanent ? 'failed' : 'pending',
          attempts,
          lastError: text.slice(0, 4000),
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts, o.baseDelayMs, o.maxDelayMs, o.random)),
          lockedBy: null,
          lockedUntil: null,
          updatedAt: now,
        },
      );
      if (permanent) {
        log.error({ err: error }, 'outbox delivery failed permanently');
        report.failed += 1;
      } else {
        log.warn({ err: error }, 'outbox delivery failed; will retry');
        report.retried += 1;
      }
    }
  }
  return report;
}

/**
 * Keep the claim while the handler runs (a slow DingTalk or vendor must not let another instance
 * claim the same message): the lease is pushed forward every third of its length.
 */
async function withRenewedLease(o: Required<Pick<OutboxWorkerOptions, 'leaseMs' | 'clock'>> & OutboxWorkerOptions, message: OutboxMessage, work: () => Promise<void>): Promise<void> {
  const renew = setInterval(() => {
    const lockedUntil = new Date(o.clock.now().getTime() + o.leaseMs);
    o.ds.getRepository(OutboxMessage)
      .update({ id: message.id, lockedBy: o.workerId }, { lockedUntil })
      .catch((error: unknown) => o.log.warn({ err: error, outboxId: message.id }, 'could not renew the outbox lease'));
  }, Math.max(50, Math.floor(o.leaseMs / 3)));
  try {
    await work();
  } finally {
    clearInterval(renew);
  }
}

export interface RunningWorker {
  /** Run a pass soon (e.g. right after a command enqueued something). */
  wake(): void;
  stop(): Promise<void>;
}

/** Poll for due messages every `intervalMs` (and on `wake`) until stopped. Passes never overlap. */
export function startOutboxWorker(options: OutboxWorkerOptions & { intervalMs?: number }): RunningWorker {
  const interval = options.intervalMs ?? 1000;
  const batchSize = options.batchSize ?? DEFAULTS.batchSize;
  let stopped = false;
  let busy = false;
  let again = false;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  const pass = async () => {
    busy = true;
    try {
      do {
        again = false;
        const report = await deliverDueMessages(options);
        if (report.delivered + report.retried + report.failed >= batchSize) again = true;
      } while (again && !stopped);
    } catch (error) {
      options.log.error({ err: error }, 'outbox pass failed');
    } finally {
      busy = false;
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = pass().finally(() => schedule(interval));
    }, delay);
  };
  schedule(0);
  return {
    wake: () => (busy ? (again = true) : schedule(0)),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
