import type { OutboxList, OutboxRowView } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { writeAudit } from '../audit.js';
import { OutboxMessage } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import type { Deps } from '../deps.js';
import { conflict, notFound } from '../http/errors.js';

export type OutboxStatus = OutboxMessage['status'];

function presentOutboxRow(row: OutboxMessage): OutboxRowView {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    payload: row.payload,
    attempts: row.attempts,
    lastError: row.lastError,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  };
}

/** What admins need to see: counts by status and the newest rows of one status. */
export async function listOutbox(ds: DataSource, status: OutboxStatus, limit = 50): Promise<OutboxList> {
  const repo = ds.getRepository(OutboxMessage);
  const counts: Record<OutboxStatus, number> = { pending: 0, delivered: 0, failed: 0 };
  const grouped = (await repo.createQueryBuilder('o').select('o.status', 'status').addSelect('COUNT(*)', 'n').groupBy('o.status').getRawMany()) as { status: OutboxStatus; n: number | string }[];
  for (const row of grouped) counts[row.status] = Number(row.n);
  const rows = await repo.find({ where: { status }, order: { updatedAt: 'DESC' }, take: limit });
  return { counts, items: rows.map(presentOutboxRow) };
}

/** Put a failed row back in the queue (after fixing its cause, e.g. VENDOR_WEBHOOK_URL); audited; wakes the worker. */
export async function retryOutboxMessage(deps: Pick<Deps, 'ds' | 'clock' | 'wake'>, actorUserId: string, id: string): Promise<OutboxRowView> {
  const now = deps.clock.now();
  const row = await inTransaction(deps.ds, async (em) => {
    const found = await em.findOneBy(OutboxMessage, { id });
    if (!found) throw notFound('not_found', '消息不存在');
    if (found.status !== 'failed') throw conflict('illegal_transition', '只有发送失败的消息可以重试', { status: found.status });
    const changes = { status: 'pending' as const, attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null, updatedAt: now };
    await em.update(OutboxMessage, { id, status: 'failed' }, changes);
    await writeAudit(em, { actorType: 'user', actorId: actorUserId, action: 'outbox.retried', subjectType: 'outbox', subjectId: id, details: { kind: found.kind, lastError: found.lastError } }, now);
    return { ...found, ...changes };
  });
  deps.wake();
  return presentOutboxRow(row);
}
