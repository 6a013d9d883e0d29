import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/**
 * Consent stored with each round: the recording consent the vendor sent (rounds stored before this are
 * 'unknown', never assumed given) and when the candidate was told an AI scores the interview.
 */
export class Consent1764900000000 implements MigrationInterface {
  name = 'Consent1764900000000';

  async up(qr: QueryRunner): Promise<void> {
    const c = columnsFor(dialectOf(qr.connection.options.type));
    await qr.addColumns('interview_rounds', [
      new TableColumn(c.string('recordingConsent', 16, { default: "'unknown'" })),
      new TableColumn(c.date('assessmentNoticeAt', { isNullable: true })),
    ]);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropColumn('interview_rounds', 'assessmentNoticeAt');
    await qr.dropColumn('interview_rounds', 'recordingConsent');
  }
}
