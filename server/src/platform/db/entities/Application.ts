import type { DimensionScores, Recommendation, Stage } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, scoreColumn } from '../columns.js';

/** A candidate × position, with its stage and the scores of its latest round. */
@Entity('applications')
export class Application {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) candidateId!: string;
  @Column(idColumn()) positionId!: string;
  @Column({ type: 'varchar', length: 32 }) stage!: Stage;
  @Column({ type: 'integer' }) currentRound!: number;
  @Column(scoreColumn()) overallScore!: number;
  @Column({ type: 'varchar', length: 32 }) recommendation!: Recommendation;
  @Column({ type: 'integer' }) modelVersion!: number;
  @Column(jsonColumn()) dimensionScores!: DimensionScores;
  /** Interview batch: the Asia/Shanghai date (YYYY-MM-DD) the first round completed. */
  @Column({ type: 'varchar', length: 10 }) batch!: string;
  @Column(dateColumn()) lastInterviewAt!: Date;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}
