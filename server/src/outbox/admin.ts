import type { OutboxList, OutboxRowView } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { writeAudit } from '../commands/audit.js';
import { OutboxMessage } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, notFound } from '../errors.js';

export type OutboxStatus = OutboxMessage['status'];

function present(row: OutboxMessage): OutboxRowView {
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
  return { counts, items: rows.map(present) };
}

/** Put a failed row back in the queue (after fixing its cause, e.g. VENDOR_WEBHOOK_URL); audited. */
export async function retryOutboxMessage(deps: { ds: DataSource; now?: () => Date }, actorUserId: string, id: string): Promise<OutboxRowView> {
  const now = deps.now?.() ?? new Date();
  return inTransaction(deps.ds, async (em) => {
    const row = await em.findOneBy(OutboxMessage, { id });
    if (!row) throw notFound('not_found', '消息不存在');
    if (row.status !== 'failed') throw conflict('illegal_transition', '只有发送失败的消息可以重试', { status: row.status });
    const changes = { status: 'pending' as const, attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null, updatedAt: now };
    await em.update(OutboxMessage, { id, status: 'failed' }, changes);
    await writeAudit(em, { actorType: 'user', actorId: actorUserId, action: 'outbox.retried', subjectType: 'outbox', subjectId: id, details: { kind: row.kind, lastError: row.lastError } }, now);
    return present({ ...row, ...changes });
  });
}

