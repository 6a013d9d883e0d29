import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A DingTalk department (id is DingTalk's dept_id). */
@Entity('departments')
export class Department {
  @PrimaryColumn({ type: 'integer' }) id!: number;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'integer', nullable: true }) parentId!: number | null;
}
