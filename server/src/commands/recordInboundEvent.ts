import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { InboundEvent } from '../db/entities/index.js';
import { isUniqueViolation } from '../db/transaction.js';

/**
 * Store an inbound event once by (source, eventId). A duplicate (DingTalk retries, replays) is a
 * no-op. Applying happens later in a worker, so the HTTP answer stays fast.
 */
export async function recordInboundEvent(
  deps: { ds: DataSource; now?: () => Date },
  input: { source: string; eventId: string; eventType: string; payload: Record<string, unknown> },
): Promise<'stored' | 'duplicate'> {
  const repo = deps.ds.getRepository(InboundEvent);
  if (await repo.existsBy({ source: input.source, eventId: input.eventId })) return 'duplicate';
  try {
    await repo.insert({
      id: randomUUID(),
      ...input,
      payload: input.payload as never,
      status: 'pending',
      attempts: 0,
      lastError: null,
      receivedAt: deps.now?.() ?? new Date(),
      appliedAt: null,
    });
    return 'stored';
  } catch (error) {
    if (isUniqueViolation(error)) return 'duplicate';
    throw error;
  }
}
