import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, jsonColumn, textColumn } from '../columns.js';

/** The vendor's written report of a round. */
@Entity('reports')
export class Report {
  @PrimaryColumn(idColumn()) id!: string;
  @Column(idColumn()) roundId!: string;
  @Column(textColumn()) summary!: string;
  @Column(jsonColumn()) strengths!: string[];
  @Column(jsonColumn()) risks!: string[];
}
