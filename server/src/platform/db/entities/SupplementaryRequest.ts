import type { SupplementaryScenarioId } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, textColumn } from '../columns.js';

/** A supervisor's request for more scenarios; its id is the `requestId` the vendor sends back. */
@Entity('supplementary_requests')
export class SupplementaryRequest {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) applicationId!: string;
  @Column(idColumn()) reviewId!: string;
  @Column(jsonColumn()) scenarios!: SupplementaryScenarioId[];
  @Column(textColumn(true)) remark!: string | null;
  @Column({ type: 'varchar', length: 64 }) requestedByUserId!: string;
  @Column({ type: 'varchar', length: 16 }) status!: 'requested' | 'answered';
  @Column({ type: 'varchar', length: 36, nullable: true }) answeredRoundId!: string | null;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn(true)) answeredAt!: Date | null;
}
