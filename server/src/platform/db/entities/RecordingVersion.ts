import type { RecordingContentType } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn } from '../columns.js';

/** A scenario's recording as it was before a replacement; its stored object is kept. */
@Entity('recording_versions')
export class RecordingVersion {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) scenarioResultId!: string;
  /** 1 for the first recording that was replaced, then 2, … per scenario. */
  @Column({ type: 'integer' }) version!: number;
  @Column({ type: 'varchar', length: 255 }) recordingKey!: string;
  @Column({ type: 'varchar', length: 32 }) recordingContentType!: RecordingContentType;
  @Column({ type: 'integer' }) recordingBytes!: number;
  @Column({ type: 'varchar', length: 64 }) recordingSha256!: string;
  @Column(dateColumn(true)) recordingUploadedAt!: Date | null;
  @Column(dateColumn()) replacedAt!: Date;
  /** The sha256 of the recording that took its place. */
  @Column({ type: 'varchar', length: 64 }) replacedBySha256!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) requestId!: string | null;
}
