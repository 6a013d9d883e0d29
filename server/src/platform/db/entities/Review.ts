import type { Recommendation, ReviewDecision } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn, textColumn } from '../columns.js';

/**
 * - `starting`: the approval is being created in DingTalk (the outcome of an attempt may be unknown)
 * - `pending`: the approval runs; supervisors can decide
 * - `decided`: a decision was applied (from DingTalk or from our app)
 * - `terminated`: the approval was revoked or deleted in DingTalk without a decision
 */
export type ReviewStatus = 'starting' | 'pending' | 'decided' | 'terminated';
/** `hr_fast_track`: HR moved the candidate to 复试 over the review (a human override). */
export type DecisionSource = 'dingtalk' | 'app' | 'hr_fast_track';

/** The DingTalk approval of one interview round and its outcome. */
@Entity('reviews')
export class Review {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) applicationId!: string;
  @Column(idColumn()) roundId!: string;
  @Column({ type: 'integer' }) round!: number;
  @Column({ type: 'varchar', length: 16 }) status!: ReviewStatus;
  @Column({ type: 'varchar', length: 64, nullable: true }) approvalInstanceId!: string | null;
  @Column(jsonColumn()) approverUserIds!: string[];
  @Column({ type: 'varchar', length: 64 }) originatorUserId!: string;
  @Column({ type: 'varchar', length: 32 }) aiRecommendation!: Recommendation;
  /** Create calls made so far; above zero without an instance id means "query before re-creating". */
  @Column({ type: 'integer' }) startAttempts!: number;
  @Column(dateColumn(true)) startAttemptedAt!: Date | null;
  @Column(dateColumn(true)) startedAt!: Date | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) decision!: ReviewDecision | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) decisionSource!: DecisionSource | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) decidedByUserId!: string | null;
  @Column(dateColumn(true)) decidedAt!: Date | null;
  @Column(textColumn(true)) remark!: string | null;
  @Column({ type: 'boolean', nullable: true }) agreedWithAi!: boolean | null;
  @Column(dateColumn(true)) remindedAt!: Date | null;
  @Column(dateColumn(true)) escalatedAt!: Date | null;
  /** Last reconciliation against DingTalk's copy of the instance. */
  @Column(dateColumn(true)) checkedAt!: Date | null;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}
