import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dateColumn, idColumn, jsonColumn } from '../columns.js';

export type UserRole = 'admin' | 'hr' | 'supervisor' | 'staff';

/** A DingTalk user known to us (supervisors, HR, admins). */
@Entity('users')
export class User {
  @PrimaryColumn(idColumn()) id!: string;
  @Column({ type: 'varchar', length: 64 }) dingtalkUserId!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) unionId!: string | null;
  @Column({ type: 'varchar', length: 64 }) name!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) title!: string | null;
  @Column(jsonColumn()) departmentIds!: number[];
  @Column({ type: 'varchar', length: 16 }) role!: UserRole;
  @Column(dateColumn()) createdAt!: Date;
  @Column(dateColumn()) updatedAt!: Date;
}
