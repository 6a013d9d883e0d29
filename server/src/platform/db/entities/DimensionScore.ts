import type { Dimension } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, scoreColumn } from '../columns.js';

/** A round's score on one dimension, and where it came from. */
@Entity('dimension_scores')
export class DimensionScore {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) roundId!: string;
  @Column({ type: 'varchar', length: 32 }) dimension!: Dimension;
  @Column(scoreColumn()) score!: number;
  /** `vendor` when the vendor sent dimensionScores[d], `scenario_mean` when we averaged scenarios. */
  @Column({ type: 'varchar', length: 16 }) source!: 'vendor' | 'scenario_mean';
}
