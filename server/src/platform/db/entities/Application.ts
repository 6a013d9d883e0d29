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
  /** Interview batch of the first round: the vendor's batchId, else its Asia/Shanghai completion date (YYYY-MM-DD). */
  @Column({ type: 'varchar', length: 64 }) batch!: string;
  @Column(dateColumn()) lastInterviewAt!: Date;
  /** When and by whom the 复试 outcome (hired / rejected / withdrawn) was recorded. */
  @Column(dateColumn(true)) outcomeAt!: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) outcomeByUserId!: string | null;
  /** Expected (then actual) onboarding date, YYYY-MM-DD (Asia/Shanghai). */
  @Column({ type: 'varchar', length: 10, nullable: true }) onboardingDate!: string | null;
  @Column(dateColumn(true)) hiredAt!: Date | null;
  /** DingTalk 智能人事 pre-entry (待入职) id, once created. */
  @Column({ type: 'varchar', length: 64, nullable: true }) preEntryId!: string | null;
  /** The hire's DingTalk user id, once DingTalk reports them as an employee. */
  @Column({ type: 'varchar', length: 64, nullable: true }) employeeUserId!: string | null;
  /** An employee id from imported history or the QA system (when not the DingTalk user id). */
  @Column({ type: 'varchar', length: 64, nullable: true }) employeeId!: string | null;
  /** Last working day (YYYY-MM-DD) and why, once the hire left. */
  @Column({ type: 'varchar', length: 10, nullable: true }) lastWorkDay!: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) leftReason!: 'voluntary' | 'passive' | null;
  /** When departures were last read for this hire (30/90/180-day checks). */
  @Column(dateColumn(true)) retentionCheckedAt!: Date | null;
  /** Created by the history import: no approval, no notices; marked in the file and the reports. */
  @Column({ type: 'boolean', default: false }) imported!: boolean;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}

/** The after-复试 fields of an application that has none of it yet. */
export const NO_OUTCOME = {
  outcomeAt: null,
  outcomeByUserId: null,
  onboardingDate: null,
  hiredAt: null,
  preEntryId: null,
  employeeUserId: null,
  employeeId: null,
  lastWorkDay: null,
  leftReason: null,
  retentionCheckedAt: null,
} as const satisfies Partial<Application>;
