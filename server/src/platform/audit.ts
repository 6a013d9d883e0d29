import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEntry } from './db/entities/index.js';

export interface AuditInput {
  actorType: AuditEntry['actorType'];
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

export async function writeAudit(em: EntityManager, input: AuditInput, now: Date): Promise<void> {
  await em.insert(AuditEntry, { id: randomUUID(), ...input, details: (input.details ?? null) as never, requestId: input.requestId ?? null, createdAt: now });
}
