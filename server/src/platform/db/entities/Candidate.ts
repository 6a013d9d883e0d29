import type { Gender } from '@aireview/shared';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn } from '../columns.js';

/** A person, deduplicated by the vendor's external id, then by phone. */
@Entity('candidates')
export class Candidate {
  @PrimaryColumn(idColumn()) id!: string;
  @Column({ type: 'varchar', length: 128, nullable: true }) externalId!: string | null;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  /** Digits only (leading + kept), e.g. 13812348000. */
  @Column({ type: 'varchar', length: 24, nullable: true }) phone!: string | null;
  @Column({ type: 'varchar', length: 254, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) source!: string | null;
  /** Sent by the vendor only with the candidate's consent; used for fairness monitoring only, never shown or scored. */
  @Column({ type: 'varchar', length: 16, nullable: true }) gender!: Gender | null;
  @Column({ type: 'integer', nullable: true }) birthYear!: number | null;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}
