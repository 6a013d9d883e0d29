import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/** Keyset paging of the candidate list; persona authors are DingTalk user ids (up to 64 characters). */
export class ListIndexes1764200000000 implements MigrationInterface {
  name = 'ListIndexes1764200000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    await qr.createIndex('applications', new TableIndex({ name: 'IDX_applications_recent', columnNames: ['lastInterviewAt', 'id'] }));
    await qr.changeColumn('evaluation_models', 'createdBy', new TableColumn(c.string('createdBy', 64, { isNullable: true })));
  }

  async down(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    await qr.changeColumn('evaluation_models', 'createdBy', new TableColumn(c.uuid('createdBy', { isNullable: true })));
    await qr.dropIndex('applications', 'IDX_applications_recent');
  }
}
