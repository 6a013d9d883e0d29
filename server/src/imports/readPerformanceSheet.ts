import { XLSX_MEDIA_TYPE } from '@aireview/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { unprocessable } from '../platform/http/errors.js';
import type { PerformanceRow } from './importPerformance.js';

/** Column headings, Chinese or English, and the field each names. */
const COLUMNS: Record<string, keyof Fields> = {
  工号: 'employeeId',
  employeeid: 'employeeId',
  候选人编号: 'candidateExternalId',
  candidateexternalid: 'candidateExternalId',
  手机: 'phone',
  手机号: 'phone',
  phone: 'phone',
  月份: 'period',
  period: 'period',
  满意度: 'satisfaction',
  satisfaction: 'satisfaction',
  解决率: 'resolutionRate',
  resolutionrate: 'resolutionRate',
  质检分: 'qaScore',
  qascore: 'qaScore',
};

interface Fields {
  employeeId: string;
  candidateExternalId: string;
  phone: string;
  period: string;
  satisfaction: number;
  resolutionRate: number;
  qaScore: number;
}

const TEXT_FIELDS = new Set<keyof Fields>(['employeeId', 'candidateExternalId', 'phone']);

/** A cell as read: text from CSV; number, text, date or rich text from a workbook. */
type Cell = string | number | Date | boolean | null | undefined;

/**
 * Read an HR performance sheet (CSV or the first worksheet of an xlsx) into records with their row
 * numbers as the sheet shows them. The first row names the columns (see COLUMNS); blank rows are
 * skipped. Values are normalised the way sheets write them (2024/3 and 2024年3月 → 2024-03, 85% → 0.85);
 * anything else is left for the record validation to refuse. An unreadable file or a sheet without a
 * 月份/period column is 422 invalid_payload.
 */
export async function readPerformanceSheet(body: Buffer, mediaType: string): Promise<PerformanceRow[]> {
  const table = mediaType === XLSX_MEDIA_TYPE ? await readXlsx(body) : readCsv(body);
  const [header, ...rows] = table;
  if (!header) throw unprocessable('invalid_payload', '文件是空的');
  const fields = header.cells.map((cell) => COLUMNS[String(cell ?? '').replace(/\s+/g, '').toLowerCase()]);
  if (!fields.includes('period')) throw unprocessable('invalid_payload', '第一行应为表头，且包含「月份」（period）列', { columns: Object.keys(COLUMNS) });
  return rows
    .filter((r) => r.cells.some((c) => c !== null && c !== undefined && String(c).trim() !== ''))
    .map((r) => {
      const record: Record<string, unknown> = {};
      fields.forEach((field, i) => {
        if (!field) return;
        const value = normalise(field, r.cells[i]);
        if (value !== undefined) record[field] = value;
      });
      return { record, row: r.row };
    });
}

function normalise(field: keyof Fields, cell: Cell): unknown {
  if (cell === null || cell === undefined) return undefined;
  if (field === 'period' && cell instanceof Date) return `${cell.getUTCFullYear()}-${String(cell.getUTCMonth() + 1).padStart(2, '0')}`;
  const text = String(cell).trim();
  if (text === '') return undefined;
  if (TEXT_FIELDS.has(field)) return text;
  if (field === 'period') {
    const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(text) ?? /^(\d{4})(\d{2})$/.exec(text);
    return match ? `${match[1]}-${match[2]!.padStart(2, '0')}` : text;
  }
  if (typeof cell === 'number') return cell;
  const percent = /^(-?\d+(?:\.\d+)?)\s*%$/.exec(text);
  if (percent) return field === 'resolutionRate' ? Number(percent[1]) / 100 : Number(percent[1]);
  return /^-?\d+(?:\.\d+)?$/.test(text) ? Number(text) : text;
}

interface SheetRow {
  row: number;
  cells: Cell[];
}

function readCsv(body: Buffer): SheetRow[] {
  try {
    const records = parse(body, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ row: info.lines, cells: record }));
  } catch (error) {
    throw unprocessable('invalid_payload', `无法读取 CSV 文件：${(error as Error).message}`);
  }
}

async function readXlsx(body: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch (error) {
    throw unprocessable('invalid_payload', `无法读取 Excel 文件：${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellValue(cell.value);
    });
    rows.push({ row: rowNumber, cells });
  });
  return rows;
}

/** The value a person sees in a cell: formula results, rich text and hyperlinks reduced to their text. */
function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('text' in value) return String(value.text);
  return null;
}
