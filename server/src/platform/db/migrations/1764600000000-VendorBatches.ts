import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/** An application's batch may be the vendor's batchId (up to 64 characters), not only a YYYY-MM-DD date. */
export class VendorBatches1764600000000 implements MigrationInterface {
  name = 'VendorBatches1764600000000';

  async up(qr: QueryRunner): Promise<void> {
    await this.resize(qr, 10, 64);
  }

  async down(qr: QueryRunner): Promise<void> {
    // Vendor batch ids longer than a date cannot be kept: they fall back to nothing better than truncation.
    await qr.query(`UPDATE applications SET batch = SUBSTR(batch, 1, 10) WHERE LENGTH(batch) > 10`);
    await this.resize(qr, 64, 10);
  }

  private async resize(qr: QueryRunner, from: number, to: number): Promise<void> {
    const dialect = dialectOf(qr.connection.options.type);
    // SQLite does not enforce a varchar length, so its column already holds any batch; rebuilding the
    // table (TypeORM's way of changing a SQLite column) would gain nothing.
    if (dialect === 'sqlite') return;
    const c = columnsFor(dialect);
    await qr.changeColumn('applications', new TableColumn(c.string('batch', from)), new TableColumn(c.string('batch', to)));
  }
}
