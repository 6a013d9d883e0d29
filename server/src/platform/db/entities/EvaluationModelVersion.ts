import type { EvaluationModel } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn } from '../columns.js';

/** One immutable version of a position's persona (weights, pass score, floors …). */
@Entity('evaluation_models')
export class EvaluationModelVersion {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) positionId!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column(jsonColumn()) model!: EvaluationModel;
  @Column({ type: 'varchar', length: 500, nullable: true }) note!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) createdBy!: string | null;
  @Column(dateColumn()) createdAt!: Date;
}
