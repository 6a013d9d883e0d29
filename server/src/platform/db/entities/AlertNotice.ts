import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn } from '../columns.js';

/** A computed alert sent to an HR user in the daily work notification (never sent to them twice). */
@Entity('alert_notices')
export class AlertNotice {
  @PrimaryColumn(idColumn()) id!: string;
  @Column({ type: 'varchar', length: 255 }) alertKey!: string;
  @Column({ type: 'varchar', length: 64 }) userId!: string;
  @Column(dateColumn()) sentAt!: Date;
}
