import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/**
 * After 复试: the outcome of an application (hired with onboarding, not passed, withdrawn, left), its
 * DingTalk 智能人事 pre-entry and employee link, imported history, monthly performance of hires, and a
 * per-position minimum n for calibration.
 */
export class Hiring1764500000000 implements MigrationInterface {
  name = 'Hiring1764500000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    const nullable = { isNullable: true };
    await qr.addColumns('applications', [
      new TableColumn(c.date('outcomeAt', nullable)),
      new TableColumn(c.string('outcomeByUserId', 64, nullable)),
      new TableColumn(c.string('onboardingDate', 10, nullable)),
      new TableColumn(c.date('hiredAt', nullable)),
      new TableColumn(c.string('preEntryId', 64, nullable)),
      new TableColumn(c.string('employeeUserId', 64, nullable)),
      new TableColumn(c.string('employeeId', 64, nullable)),
      new TableColumn(c.string('lastWorkDay', 10, nullable)),
      new TableColumn(c.string('leftReason', 16, nullable)),
      new TableColumn(c.date('retentionCheckedAt', nullable)),
      new TableColumn(c.bool('imported', { default: 0 })),
    ]);
    await qr.createIndex('applications', new TableIndex({ name: 'IDX_applications_employee_user', columnNames: ['employeeUserId'] }));
    await qr.createIndex('applications', new TableIndex({ name: 'IDX_applications_employee_id', columnNames: ['employeeId'] }));
    await qr.createIndex('applications', new TableIndex({ name: 'IDX_applications_stage_position', columnNames: ['positionId', 'stage'] }));
    await qr.addColumn('interview_rounds', new TableColumn(c.bool('imported', { default: 0 })));
    await qr.addColumn('positions', new TableColumn(c.int('calibrationMinimumN', nullable)));

    await qr.createTable(new Table({
      name: 'performance_records',
      columns: [
        c.id(), c.uuid('applicationId'), c.string('period', 7),
        c.score('satisfaction', nullable), c.float('resolutionRate', nullable), c.score('qaScore', nullable),
        c.string('source', 16), c.date('createdAt'), c.date('updatedAt'),
      ],
      indices: [new TableIndex({ name: 'UQ_performance_application_period', columnNames: ['applicationId', 'period'], isUnique: true })],
      foreignKeys: [new TableForeignKey({ columnNames: ['applicationId'], referencedTableName: 'applications', referencedColumnNames: ['id'], onDelete: 'RESTRICT' })],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('performance_records');
    await qr.dropColumn('positions', 'calibrationMinimumN');
    await qr.dropColumn('interview_rounds', 'imported');
    await qr.dropIndex('applications', 'IDX_applications_stage_position');
    await qr.dropIndex('applications', 'IDX_applications_employee_id');
    await qr.dropIndex('applications', 'IDX_applications_employee_user');
    for (const column of ['imported', 'retentionCheckedAt', 'leftReason', 'lastWorkDay', 'employeeId', 'employeeUserId', 'preEntryId', 'hiredAt', 'onboardingDate', 'outcomeByUserId', 'outcomeAt']) {
      await qr.dropColumn('applications', column);
    }
  }
}
