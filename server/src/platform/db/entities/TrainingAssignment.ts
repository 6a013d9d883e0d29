import type { AssignmentStatus, Dimension, DueAnchor, TrainingKind, TrainingTrigger } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, scoreColumn } from '../columns.js';

/** What a training rule (or HR's fast-track) assigned to one application: at most one per rule. */
@Entity('training_assignments')
export class TrainingAssignment {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) applicationId!: string;
  @Column({ type: 'varchar', length: 48 }) ruleId!: string;
  /** The rule-set version the rule was read from. */
  @Column({ type: 'integer' }) ruleVersion!: number;
  @Column({ type: 'varchar', length: 16 }) kind!: TrainingKind;
  @Column({ type: 'varchar', length: 64 }) title!: string;
  /** The dimension and its score that fired the rule; null for a fast-track choice whose condition did not hold. */
  @Column({ type: 'varchar', length: 32, nullable: true }) dimension!: Dimension | null;
  @Column(scoreColumn(true)) triggerScore!: number | null;
  @Column({ type: 'varchar', length: 32 }) firedAt!: TrainingTrigger;
  @Column({ type: 'varchar', length: 16 }) relativeTo!: DueAnchor;
  @Column({ type: 'integer', nullable: true }) dueDays!: number | null;
  @Column(dateColumn(true)) dueAt!: Date | null;
  @Column({ type: 'varchar', length: 16 }) status!: AssignmentStatus;
  @Column({ type: 'boolean', default: false }) mandatory!: boolean;
  @Column(dateColumn(true)) completedAt!: Date | null;
  @Column(scoreColumn(true)) completionScore!: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) remark!: string | null;
  /** Who marked it done or waived (a DingTalk user id), or null when the learning platform reported it. */
  @Column({ type: 'varchar', length: 64, nullable: true }) statusByUserId!: string | null;
  /** The hire's DingTalk 待办, once created. */
  @Column({ type: 'varchar', length: 64, nullable: true }) todoId!: string | null;
  /** Bumped on every change the learning platform hears of (its events' idempotency keys carry it). */
  @Column({ type: 'integer', default: 1 }) revision!: number;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}
