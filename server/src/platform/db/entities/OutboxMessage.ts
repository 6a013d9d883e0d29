import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, textColumn } from '../columns.js';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';

/** A durable outbound effect, written in the transaction that caused it. */
@Entity('outbox')
export class OutboxMessage {
  @PrimaryColumn(idColumn()) id!: string;
  @Column({ type: 'varchar', length: 64 }) kind!: string;
  @Column(jsonColumn()) payload!: Record<string, unknown>;
  /** Unique when set: the same effect is never enqueued twice. */
  @Column({ type: 'varchar', length: 191, nullable: true }) dedupeKey!: string | null;
  @Column({ type: 'varchar', length: 16 }) status!: OutboxStatus;
  @Column({ type: 'integer' }) attempts!: number;
  @Column(dateColumn()) nextAttemptAt!: Date;
  @Column(dateColumn(true)) lockedUntil!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) lockedBy!: string | null;
  @Column(textColumn(true)) lastError!: string | null;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
  @Column(dateColumn(true)) deliveredAt!: Date | null;
}
