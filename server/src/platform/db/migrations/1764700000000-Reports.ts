import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/**
 * 数据看板: per-position alert thresholds, the demographics a vendor may send with consent (fairness
 * monitoring only), the alerts already sent to each HR user (never the same alert twice), and an
 * index for the reports' position × interview-time ranges.
 */
export class Reports1764700000000 implements MigrationInterface {
  name = 'Reports1764700000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    const nullable = { isNullable: true };
    await qr.addColumn('positions', new TableColumn(c.json('alertSettings', nullable)));
    await qr.addColumns('candidates', [new TableColumn(c.string('gender', 16, nullable)), new TableColumn(c.int('birthYear', nullable))]);
    await qr.createIndex('applications', new TableIndex({ name: 'IDX_applications_position_interview', columnNames: ['positionId', 'lastInterviewAt'] }));
    await qr.createTable(new Table({
      name: 'alert_notices',
      columns: [c.id(), c.string('alertKey', 255), c.string('userId', 64), c.date('sentAt')],
      indices: [new TableIndex({ name: 'UQ_alert_notices_key_user', columnNames: ['alertKey', 'userId'], isUnique: true })],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('alert_notices');
    await qr.dropIndex('applications', 'IDX_applications_position_interview');
    await qr.dropColumn('candidates', 'birthYear');
    await qr.dropColumn('candidates', 'gender');
    await qr.dropColumn('positions', 'alertSettings');
  }
}
