import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AlertSettingsInput } from '@aireview/shared';
import { dateColumn, idColumn, jsonColumn } from '../columns.js';

/** A hiring position; its persona lives in versioned evaluation models. */
@Entity('positions')
export class Position {
  @PrimaryColumn(idColumn()) id!: string;
  @Column({ type: 'varchar', length: 64 }) code!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'integer' }) departmentId!: number;
  /** DingTalk user ids of the supervisors who review this position's candidates. */
  @Column(jsonColumn()) supervisorUserIds!: string[];
  @Column({ type: 'integer' }) currentModelVersion!: number;
  /** Hires with an outcome needed before calibration recommends weights (default 160). */
  @Column({ type: 'integer', nullable: true }) calibrationMinimumN!: number | null;
  /** Alert thresholds that differ from ALERT_DEFAULTS (数据看板). */
  @Column(jsonColumn(true)) alertSettings!: AlertSettingsInput | null;
  /** The training rules in force (training_rule_versions.version); 0 while the position has none. */
  @Column({ type: 'integer', default: 0 }) trainingRulesVersion!: number;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}
