import type { TrainingRule } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn } from '../columns.js';

/** One published version of a position's training rules (培训规则); positions.trainingRulesVersion points at the one in force. */
@Entity('training_rule_versions')
export class TrainingRuleVersion {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) positionId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column(jsonColumn()) rules!: TrainingRule[];
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) createdByUserId!: string | null;
  @Column(dateColumn()) createdAt!: Date;
}
