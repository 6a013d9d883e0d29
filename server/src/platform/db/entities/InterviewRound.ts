import type { Dimension, DimensionScores, LatencySummary, Recommendation, RecordingConsent } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, scoreColumn } from '../columns.js';

/** One AI interview (the first, or a supplementary test) of an application. */
@Entity('interview_rounds')
export class InterviewRound {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) applicationId!: string;
  /** The vendor's interview id: the idempotency key of ingestion. */
  @Column({ type: 'varchar', length: 128 }) interviewId!: string;
  @Column({ type: 'integer' }) round!: number;
  @Column({ type: 'varchar', length: 128, nullable: true }) requestId!: string | null;
  /** SHA-256 of the canonical payload, to tell a replay from a conflicting re-send. */
  @Column({ type: 'varchar', length: 64 }) payloadSha256!: string;
  @Column(dateColumn()) startedAt!: Date;
  @Column(dateColumn()) completedAt!: Date;
  @Column(scoreColumn()) overallScore!: number;
  @Column({ type: 'varchar', length: 32 }) recommendation!: Recommendation;
  @Column({ type: 'integer' }) modelVersion!: number;
  @Column(jsonColumn()) dimensionScores!: DimensionScores;
  @Column(jsonColumn()) floorsMissed!: Dimension[];
  @Column(scoreColumn()) latencyPenalty!: number;
  @Column(jsonColumn()) latencySummary!: LatencySummary;
  /** Imported history: starts no approval. */
  @Column({ type: 'boolean', default: false }) imported!: boolean;
  /** Consent for recordings as the vendor sent it with this round ('unknown' for rounds from before it was recorded). */
  @Column({ type: 'varchar', length: 16, default: 'unknown' }) recordingConsent!: RecordingConsent;
  /** When the candidate was told an AI scores the interview; null when the vendor did not say. */
  @Column(dateColumn(true)) assessmentNoticeAt!: Date | null;
  @Column(dateColumn()) createdAt!: Date;
}
