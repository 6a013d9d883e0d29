import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn } from '../columns.js';

/** Who looked at or decided what, and when. */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryColumn(idColumn()) id!: string;
  @Column({ type: 'varchar', length: 16 }) actorType!: 'user' | 'vendor' | 'system' | 'dingtalk';
  @Column({ type: 'varchar', length: 64, nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'varchar', length: 32 }) subjectType!: string;
  @Column({ type: 'varchar', length: 128 }) subjectId!: string;
  @Column(jsonColumn(true)) details!: Record<string, unknown> | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
  @Column(dateColumn()) createdAt!: Date;
}
