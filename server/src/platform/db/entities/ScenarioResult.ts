import type { DimensionScores } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, textColumn } from '../columns.js';

/** One simulated customer scenario of a round: prompt, transcript, latency, scores, recording. */
@Entity('scenario_results')
export class ScenarioResult {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) roundId!: string;
  @Column({ type: 'varchar', length: 64 }) scenarioId!: string;
  @Column({ type: 'integer' }) ordinal!: number;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column(textColumn()) prompt!: string;
  @Column(textColumn()) transcript!: string;
  @Column({ type: 'integer' }) responseLatencyMs!: number;
  @Column({ type: 'integer', nullable: true }) durationMs!: number | null;
  @Column(jsonColumn()) scores!: DimensionScores;
  @Column({ type: 'float', nullable: true }) emotionVolatility!: number | null;
  @Column({ type: 'varchar', length: 255, nullable: true }) recordingKey!: string | null;
  @Column({ type: 'varchar', length: 32, nullable: true }) recordingContentType!: string | null;
  @Column({ type: 'integer', nullable: true }) recordingBytes!: number | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) recordingSha256!: string | null;
  @Column(dateColumn(true)) recordingUploadedAt!: Date | null;
}
