import type { EntityManager } from 'typeorm';
import { expect, it } from 'vitest';
import { OutboxMessage } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import { createLogger } from '../logger.js';
import { describeEachDb } from '../../../test/db.js';
import { enqueue } from './enqueue.js';
import { PermanentDeliveryError, backoffMs, claimDueMessages, deliverDueMessages, type OutboxHandler, type OutboxWorkerOptions } from './worker.js';

const log = createLogger('silent');

describeEachDb('outbox worker', (db) => {
  const options = (handlers: Record<string, OutboxHandler>, extra: Partial<OutboxWorkerOptions> = {}): OutboxWorkerOptions => ({
    ds: db.ds, log, handlers, workerId: 'w1', random: () => 1, baseDelayMs: 1000, ...extra,
  });
  const add = (kind: string, n = 1, at = new Date()) =>
    inTransaction(db.ds, async (em: EntityManager) => {
      for (let i = 0; i < n; i++) await enqueue(em, { kind, payload: { i } }, at);
    });
  const all = () => db.ds.getRepository(OutboxMessage).find({ order: { createdAt: 'ASC' } });

  it('delivers due messages once and marks them delivered', async () => {
    await add('ping', 3);
    const seen: number[] = [];
    const report = await deliverDueMessages(options({ ping: async (m) => void seen.push(m.payload.i as number) }));
    expect(report).toEqual({ delivered: 3, retried: 0, failed: 0 });
    expect(seen.sort()).toEqual([0, 1, 2]);
    expect((await all()).map((m) => [m.status, m.attempts, m.lockedBy])).toEqual([['delivered', 1, null], ['delivered', 1, null], ['delivered', 1, null]]);
    expect(await deliverDueMessages(options({ ping: async () => { throw new Error('must not run again'); } }))).toEqual({ delivered: 0, retried: 0, failed: 0 });
  });

  it('reschedules a failed delivery with exponential backoff, then fails for good after maxAttempts', async () => {
    let now = new Date('2026-11-25T10:00:00Z');
    await add('flaky', 1, now);
    const opts = options({ flaky: async () => { throw new Error('peer down'); } }, { maxAttempts: 3, clock: { now: () => now } });
    expect(await deliverDueMessages(opts)).toEqual({ delivered: 0, retried: 1, failed: 0 });
    let [message] = await all();
    expect([message!.status, message!.attempts, message!.lastError]).toEqual(['pending', 1, 'Error: peer down']);
    expect(message!.nextAttemptAt.getTime() - now.getTime()).toBe(1000);
    // Not due yet.
    expect(await deliverDueMessages(opts)).toEqual({ delivered: 0, retried: 0, failed: 0 });
    now = new Date(now.getTime() + 1000);
    await deliverDueMessages(opts);
    [message] = await all();
    expect(message!.nextAttemptAt.getTime() - now.getTime()).toBe(2000);
    now = new Date(now.getTime() + 2000);
    expect(await deliverDueMessages(opts)).toEqual({ delivered: 0, retried: 0, failed: 1 });
    [message] = await all();
    expect([message!.status, message!.attempts]).toEqual(['failed', 3]);
  });

  it('fails at once on a permanent error or an unknown kind', async () => {
    await add('bad');
    await add('unknown');
    const report = await deliverDueMessages(options({ bad: async () => { throw new PermanentDeliveryError('refused'); } }));
    expect(report).toEqual({ delivered: 0, retried: 0, failed: 2 });
  });

  it('re-claims a message whose worker died holding the lease, only after the lease expires', async () => {
    await add('ping');
    let now = new Date();
    const crashed = await claimDueMessages(options({}, { workerId: 'dead', leaseMs: 30_000, clock: { now: () => now } }));
    expect(crashed).toHaveLength(1);
    expect(await claimDueMessages(options({}, { workerId: 'w2', clock: { now: () => now } }))).toHaveLength(0);
    now = new Date(now.getTime() + 30_001);
    const reclaimed = await claimDueMessages(options({}, { workerId: 'w2', clock: { now: () => now } }));
    expect(reclaimed.map((m) => m.lockedBy)).toEqual(['w2']);
  });

  it('lets concurrent workers share the outbox without delivering anything twice', async () => {
    await add('ping', 30);
    const deliveries = new Map<string, number>();
    const handler: OutboxHandler = async (m) => {
      deliveries.set(m.id, (deliveries.get(m.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
    };
    const worker = async (workerId: string) => {
      let total = 0;
      for (;;) {
        const r = await deliverDueMessages(options({ ping: handler }, { workerId, batchSize: 4 }));
        if (r.delivered === 0) return total;
        total += r.delivered;
      }
    };
    const totals = await Promise.all([worker('a'), worker('b'), worker('c')]);
    expect(totals.reduce((a, b) => a + b, 0)).toBe(30);
    expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
    expect(deliveries.size).toBe(30);
  });

  it('keeps the lease while a slow handler runs, so another worker cannot claim the message', async () => {
    await add('slow');
    let release!: () => void;
    const running = deliverDueMessages(options({ slow: () => new Promise<void>((resolve) => (release = resolve)) }, { leaseMs: 300 }));
    await expect.poll(() => release !== undefined).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await claimDueMessages(options({}, { workerId: 'w2', leaseMs: 300 }))).toEqual([]);
    release();
    expect(await running).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect((await all()).map((m) => [m.status, m.attempts])).toEqual([['delivered', 1]]);
  });

  it('enqueue with a dedupe key is a no-op the second time', async () => {
    await inTransaction(db.ds, async (em) => {
      await enqueue(em, { kind: 'ping', payload: {}, dedupeKey: 'k1' }, new Date());
      await enqueue(em, { kind: 'ping', payload: {}, dedupeKey: 'k1' }, new Date());
    });
    expect(await db.ds.getRepository(OutboxMessage).count()).toBe(1);
  });
});

it('backoff doubles per attempt, is capped and jittered into [delay/2, delay]', () => {
  expect([1, 2, 3, 4].map((a) => backoffMs(a, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
  expect(backoffMs(3, 1000, 60_000, () => 0)).toBe(2000);
});
