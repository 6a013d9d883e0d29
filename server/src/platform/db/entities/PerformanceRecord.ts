import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, scoreColumn } from '../columns.js';

export type PerformanceSource = 'api' | 'csv' | 'xlsx';

/** One month of a hire's job performance, from the customer-service QA system; one row per (hire, period). */
@Entity('performance_records')
export class PerformanceRecord {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) applicationId!: string;
  /** YYYY-MM. */
  @Column({ type: 'varchar', length: 7 }) period!: string;
  /** Customer satisfaction, 0..100. */
  @Column(scoreColumn(true)) satisfaction!: number | null;
  /** Share of contacts resolved, 0..1. */
  @Column({ type: 'float', nullable: true }) resolutionRate!: number | null;
  /** Quality-inspection score, 0..100. */
  @Column(scoreColumn(true)) qaScore!: number | null;
  @Column({ type: 'varchar', length: 16 }) source!: PerformanceSource;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}
