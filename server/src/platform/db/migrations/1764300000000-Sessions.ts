import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor, dialectOf } from '../columns.js';

/**
 * Server-side sessions (revocable; role and departments re-resolved every minute) and the shared
 * rate-limit counters, in the exact shape rate-limiter-flexible's MySQL and SQLite stores use.
 */
export class Sessions1764300000000 implements MigrationInterface {
  name = 'Sessions1764300000000';

  async up(qr: QueryRunner): Promise<void> {
    const dialect = dialectOf(qr.connection.options.type);
    const c = columnsFor(dialect);
    await qr.createTable(new Table({
      name: 'sessions',
      columns: [
        // sha256 of the token: a database dump does not hold usable sessions.
        c.string('id', 64, { isPrimary: true }),
        c.string('userId', 64), c.string('name', 64), c.string('role', 16), c.json('departmentIds'),
        c.date('createdAt'), c.date('expiresAt'), c.date('resolvedAt'), c.date('revokedAt', { isNullable: true }),
      ],
      indices: [new TableIndex({ name: 'IDX_sessions_user', columnNames: ['userId'] })],
    }));
    if (dialect === 'mysql') {
      await qr.query(
        'CREATE TABLE `rate_limits` (`key` VARCHAR(255) CHARACTER SET utf8 NOT NULL, `points` INT(9) NOT NULL DEFAULT 0, `expire` BIGINT UNSIGNED, PRIMARY KEY (`key`)) ENGINE = INNODB',
      );
    } else {
      await qr.query('CREATE TABLE "rate_limits" ("key" TEXT PRIMARY KEY, "points" INTEGER NOT NULL DEFAULT 0, "expire" INTEGER)');
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('rate_limits');
    await qr.dropTable('sessions');
  }
}
