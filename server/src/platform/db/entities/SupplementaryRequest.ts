import type { SupplementaryScenarioId } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, textColumn } from '../columns.js';

/**
 * A request to the vendor for another round: a supervisor's supplementary scenarios, or HR's full
 * retake (no scenarios). Its id is the `requestId` the vendor sends back with the answering round.
 */
@Entity('supplementary_requests')
export class SupplementaryRequest {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) applicationId!: string;
  @Column(idColumn()) reviewId!: string;
  @Column({ type: 'varchar', length: 16, default: 'supplementary' }) kind!: 'supplementary' | 'retake';
  @Column(jsonColumn()) scenarios!: SupplementaryScenarioId[];
  @Column(textColumn(true)) remark!: string | null;
  @Column({ type: 'varchar', length: 64 }) requestedByUserId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: 'requested' | 'answered';
  @Column({ type: 'varchar', length: 36, nullable: true }) answeredRoundId!: string | null;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn(true)) answeredAt!: Date | null;
}
