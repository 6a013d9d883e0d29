import type { ColumnOptions } from 'typeorm';
import type { TableColumnOptions } from 'typeorm/schema-builder/options/TableColumnOptions.js';

/**
 * Portable column decisions, made once for both dialects.
 * Entities use the `*Column` option helpers; migrations use `col.*` with the dialect at hand.
 */
export type Dialect = 'mysql' | 'sqlite';

export const idColumn = () => ({ type: 'varchar', length: 36 }) as const;
export const jsonColumn = (nullable = false): ColumnOptions => ({ type: 'simple-json', nullable });
export const dateColumn = (nullable = false): ColumnOptions => ({ type: 'datetime', precision: 3, nullable });
export const textColumn = (nullable = false): ColumnOptions => ({ type: 'text', nullable });

/** Decimal scores come back from mysql2 as strings; keep them numbers everywhere. */
export const scoreTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? null : Number(value)),
};
export const scoreColumn = (nullable = false): ColumnOptions => ({ type: 'decimal', precision: 5, scale: 1, nullable, transformer: scoreTransformer });

type Col = Omit<TableColumnOptions, 'name' | 'type'>;

/** Column builders for migrations (query-runner schema API). */
export function columnsFor(dialect: Dialect) {
  const make = (type: string, extra: Col = {}) => (name: string, opts: Col = {}): TableColumnOptions => ({ name, type, ...extra, ...opts });
  return {
    id: (name = 'id') => make('varchar', { length: '36' })(name, { isPrimary: true }),
    uuid: make('varchar', { length: '36' }),
    string: (name: string, length: number, opts: Col = {}) => make('varchar', { length: String(length) })(name, opts),
    int: make(dialect === 'mysql' ? 'int' : 'integer'),
    bigint: make(dialect === 'mysql' ? 'bigint' : 'integer'),
    bool: make(dialect === 'mysql' ? 'tinyint' : 'boolean'),
    score: make('decimal', { precision: 5, scale: 1 }),
    float: make(dialect === 'mysql' ? 'double' : 'real'),
    /** Long text: MEDIUMTEXT (16 MiB) on MySQL. */
    text: make(dialect === 'mysql' ? 'mediumtext' : 'text'),
    /** JSON stored as text (TypeORM simple-json) so both dialects read it the same way. */
    json: make(dialect === 'mysql' ? 'mediumtext' : 'text'),
    date: make('datetime', dialect === 'mysql' ? { precision: 3 } : {}),
  };
}

export function dialectOf(type: string): Dialect {
  if (type === 'mysql' || type === 'mariadb') return 'mysql';
  return 'sqlite';
}
