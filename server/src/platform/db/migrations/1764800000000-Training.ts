import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/**
 * Training linkage: versioned per-position training rules, the assignments they (and HR's fast-track)
 * create — at most one per rule and application — and the kind of a vendor request (a supervisor's
 * supplementary scenarios, or HR's full retake).
 */
export class Training1764800000000 implements MigrationInterface {
  name = 'Training1764800000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    const nullable = { isNullable: true };
    await qr.addColumn('positions', new TableColumn(c.int('trainingRulesVersion', { default: 0 })));
    await qr.addColumn('supplementary_requests', new TableColumn(c.string('kind', 16, { default: "'supplementary'" })));
    await qr.createTable(new Table({
      name: 'training_rule_versions',
      columns: [c.id(), c.uuid('positionId'), c.int('version'), c.json('rules'), c.string('note', 500, nullable), c.string('createdByUserId', 64, nullable), c.date('createdAt')],
      indices: [new TableIndex({ name: 'UQ_training_rule_versions_position_version', columnNames: ['positionId', 'version'], isUnique: true })],
      foreignKeys: [new TableForeignKey({ columnNames: ['positionId'], referencedTableName: 'positions', referencedColumnNames: ['id'], onDelete: 'RESTRICT' })],
    }));
    await qr.createTable(new Table({
      name: 'training_assignments',
      columns: [
        c.id(), c.uuid('applicationId'), c.string('ruleId', 48), c.int('ruleVersion'), c.string('kind', 16), c.string('title', 64),
        c.string('dimension', 32, nullable), c.score('triggerScore', nullable), c.string('firedAt', 32), c.string('relativeTo', 16), c.int('dueDays', nullable),
        c.date('dueAt', nullable), c.string('status', 16), c.bool('mandatory', { default: 0 }), c.date('completedAt', nullable), c.score('completionScore', nullable),
        c.string('remark', 500, nullable), c.string('statusByUserId', 64, nullable), c.string('todoId', 64, nullable), c.int('revision', { default: 1 }),
        c.date('createdAt'), c.date('updatedAt'),
      ],
      indices: [
        new TableIndex({ name: 'UQ_training_assignments_application_rule', columnNames: ['applicationId', 'ruleId'], isUnique: true }),
        new TableIndex({ name: 'IDX_training_assignments_status_due', columnNames: ['status', 'dueAt'] }),
      ],
      foreignKeys: [new TableForeignKey({ columnNames: ['applicationId'], referencedTableName: 'applications', referencedColumnNames: ['id'], onDelete: 'RESTRICT' })],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('training_assignments');
    await qr.dropTable('training_rule_versions');
    await qr.dropColumn('supplementary_requests', 'kind');
    await qr.dropColumn('positions', 'trainingRulesVersion');
  }
}
