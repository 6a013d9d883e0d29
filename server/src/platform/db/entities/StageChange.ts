import type { Stage } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, textColumn } from '../columns.js';

export type ActorType = 'system' | 'vendor' | 'user' | 'dingtalk';

/** One stage transition of an application: who, when, why, and which approval caused it. */
@Entity('stage_history')
export class StageChange {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) applicationId!: string;
  @Column({ type: 'varchar', length: 32, nullable: true }) fromStage!: Stage | null;
  @Column({ type: 'varchar', length: 32 }) toStage!: Stage;
  @Column({ type: 'varchar', length: 16 }) actorType!: ActorType;
  @Column({ type: 'varchar', length: 64, nullable: true }) actorId!: string | null;
  @Column(textColumn(true)) reason!: string | null;
  @Column({ type: 'varchar', length: 36, nullable: true }) roundId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) approvalInstanceId!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) approvalTaskId!: string | null;
  @Column(dateColumn()) createdAt!: Date;
}
