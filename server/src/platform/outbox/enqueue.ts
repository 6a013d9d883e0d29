import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OutboxMessage } from '../db/entities/index.js';

export interface OutboxEffect {
  kind: string;
  payload: Record<string, unknown>;
  /** When set, enqueueing the same effect twice is a no-op. */
  dedupeKey?: string;
}

/** Record an outbound effect inside the caller's transaction; a worker delivers it later. */
export async function enqueue(em: EntityManager, effect: OutboxEffect, now: Date): Promise<void> {
  if (effect.dedupeKey && (await em.existsBy(OutboxMessage, { dedupeKey: effect.dedupeKey }))) return;
  await em.insert(OutboxMessage, {
    id: randomUUID(),
    kind: effect.kind,
    payload: effect.payload as never,
    dedupeKey: effect.dedupeKey ?? null,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lockedUntil: null,
    lockedBy: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    deliveredAt: null,
  });
}
