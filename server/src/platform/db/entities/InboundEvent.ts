import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, textColumn } from '../columns.js';

/** `rejected`: stored but refused (e.g. a decision by someone who is not an approver), never applied. */
export type InboundEventStatus = 'pending' | 'applied' | 'ignored' | 'rejected' | 'failed';

/** An inbound event (e.g. a DingTalk callback), stored once by its id and applied by a worker. */
@Entity('inbound_events')
export class InboundEvent {
  @PrimaryColumn(idColumn()) id!: string;
  @Column({ type: 'varchar', length: 32 }) source!: string;
  @Column({ type: 'varchar', length: 128 }) eventId!: string;
  @Column({ type: 'varchar', length: 64 }) eventType!: string;
  @Column(jsonColumn()) payload!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 16 }) status!: InboundEventStatus;
  @Column({ type: 'integer' }) attempts!: number;
  @Column(textColumn(true)) lastError!: string | null;
  @Column(dateColumn()) receivedAt!: Date;
  @Column(dateColumn(true)) appliedAt!: Date | null;
}
