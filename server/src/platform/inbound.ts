import { randomUUID } from 'node:crypto';
import type { Deps } from './deps.js';
import { InboundEvent } from './db/entities/index.js';
import { inTransaction, isUniqueViolation } from './db/transaction.js';
import { enqueue } from './outbox/enqueue.js';

/** Outbox kind that applies a stored event of `source` (e.g. `dingtalk.event`); the owning feature registers its handler. */
export function inboundEventKind(source: string): string {
  return `${source}.event`;
}

/**
 * Store an inbound event once by (source, eventId), together with the outbox row that applies it,
 * and wake the worker. A duplicate (DingTalk retries, replays) is a no-op. Applying happens in the
 * outbox worker (with its retries, leases and `failed` state), so the HTTP answer stays fast.
 */
export async function recordInboundEvent(
  deps: Pick<Deps, 'ds' | 'clock' | 'wake'>,
  input: { source: string; eventId: string; eventType: string; payload: Record<string, unknown> },
): Promise<'stored' | 'duplicate'> {
  const repo = deps.ds.getRepository(InboundEvent);
  if (await repo.existsBy({ source: input.source, eventId: input.eventId })) return 'duplicate';
  const now = deps.clock.now();
  const id = randomUUID();
  try {
    await inTransaction(deps.ds, async (em) => {
      await em.insert(InboundEvent, {
        id,
        ...input,
        payload: input.payload as never,
        status: 'pending',
        attempts: 0,
        lastError: null,
        receivedAt: now,
        appliedAt: null,
      });
      await enqueue(em, { kind: inboundEventKind(input.source), payload: { inboundEventId: id }, dedupeKey: `event:${id}` }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return 'duplicate';
    throw error;
  }
  deps.wake();
  return 'stored';
}
