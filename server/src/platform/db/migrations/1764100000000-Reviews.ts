import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/** The DingTalk review of each interview round, and the supplementary tests supervisors ask for. */
export class Reviews1764100000000 implements MigrationInterface {
  name = 'Reviews1764100000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    const ts = (name: string, nullable = false) => c.date(name, { isNullable: nullable });
    const fk = (column: string, table: string) =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

    await qr.createTable(new Table({
      name: 'reviews',
      columns: [
        c.id(), c.uuid('applicationId'), c.uuid('roundId'), c.int('round'), c.string('status', 16),
        c.string('approvalInstanceId', 64, { isNullable: true }), c.json('approverUserIds'), c.string('originatorUserId', 64),
        c.string('aiRecommendation', 32), c.int('startAttempts'), ts('startAttemptedAt', true), ts('startedAt', true),
        c.string('decision', 16, { isNullable: true }), c.string('decisionSource', 16, { isNullable: true }),
        c.string('decidedByUserId', 64, { isNullable: true }), ts('decidedAt', true), c.text('remark', { isNullable: true }),
        c.bool('agreedWithAi', { isNullable: true }), ts('remindedAt', true), ts('escalatedAt', true), ts('checkedAt', true),
        ts('createdAt'), ts('updatedAt'),
      ],
      indices: [
        new TableIndex({ name: 'UQ_reviews_round', columnNames: ['roundId'], isUnique: true }),
        new TableIndex({ name: 'UQ_reviews_instance', columnNames: ['approvalInstanceId'], isUnique: true }),
        new TableIndex({ name: 'IDX_reviews_application', columnNames: ['applicationId'] }),
        new TableIndex({ name: 'IDX_reviews_status', columnNames: ['status', 'startedAt'] }),
      ],
      foreignKeys: [fk('applicationId', 'applications'), fk('roundId', 'interview_rounds')],
    }));

    await qr.createTable(new Table({
      name: 'supplementary_requests',
      columns: [
        c.id(), c.uuid('applicationId'), c.uuid('reviewId'), c.json('scenarios'), c.text('remark', { isNullable: true }),
        c.string('requestedByUserId', 64), c.string('status', 16), c.uuid('answeredRoundId', { isNullable: true }),
        ts('createdAt'), ts('answeredAt', true),
      ],
      indices: [
        new TableIndex({ name: 'UQ_supplementary_review', columnNames: ['reviewId'], isUnique: true }),
        new TableIndex({ name: 'IDX_supplementary_application', columnNames: ['applicationId'] }),
      ],
      foreignKeys: [fk('applicationId', 'applications'), fk('reviewId', 'reviews')],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('supplementary_requests');
    await qr.dropTable('reviews');
  }
}
