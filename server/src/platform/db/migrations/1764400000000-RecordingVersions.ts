import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/**
 * Recordings that were replaced: the previous file of a scenario stays stored and is listed here, so a
 * re-upload never destroys evidence. A scenario with versions cannot be deleted (RESTRICT).
 */
export class RecordingVersions1764400000000 implements MigrationInterface {
  name = 'RecordingVersions1764400000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    await qr.createTable(new Table({
      name: 'recording_versions',
      columns: [
        c.id(), c.uuid('scenarioResultId'), c.int('version'), c.string('recordingKey', 255), c.string('recordingContentType', 32),
        c.int('recordingBytes'), c.string('recordingSha256', 64), c.date('recordingUploadedAt', { isNullable: true }),
        c.date('replacedAt'), c.string('replacedBySha256', 64), c.string('requestId', 64, { isNullable: true }),
      ],
      indices: [new TableIndex({ name: 'UQ_recording_versions_scenario_version', columnNames: ['scenarioResultId', 'version'], isUnique: true })],
      foreignKeys: [
        new TableForeignKey({ columnNames: ['scenarioResultId'], referencedTableName: 'scenario_results', referencedColumnNames: ['id'], onDelete: 'RESTRICT' }),
      ],
    }));
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('recording_versions');
  }
}
