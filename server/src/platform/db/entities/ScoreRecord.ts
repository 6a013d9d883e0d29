import type { Dimension, Recommendation } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, scoreColumn } from '../columns.js';

/** Every overall score ever computed for a round, with the model version that produced it. */
@Entity('score_records')
export class ScoreRecord {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) roundId!: string;
  @Column({ type: 'integer' }) modelVersion!: number;
  @Column(scoreColumn()) overallScore!: number;
  @Column({ type: 'varchar', length: 32 }) recommendation!: Recommendation;
  @Column(jsonColumn()) floorsMissed!: Dimension[];
  @Column({ type: 'varchar', length: 16 }) reason!: 'ingest' | 'rescore';
  @Column(dateColumn()) createdAt!: Date;
}
