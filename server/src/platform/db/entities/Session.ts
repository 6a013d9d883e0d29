import type { Role } from '@aireview/shared';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { dateColumn, jsonColumn } from '../columns.js';

/** A signed-in H5 session. The id is the sha256 of the token, which only the client holds. */
@Entity('sessions')
export class Session {
  @PrimaryColumn({ type: 'varchar', length: 64 }) id!: string;
  @Index('IDX_sessions_user') @Column({ type: 'varchar', length: 64 }) userId!: string;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 16 }) role!: Role;
  @Column(jsonColumn()) departmentIds!: number[];
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) expiresAt!: Date;
  /** When role and departments were last resolved from the configuration and the database. */
  @Column(dateColumn()) resolvedAt!: Date;
  @Column(dateColumn(true)) revokedAt!: Date | null;
}
