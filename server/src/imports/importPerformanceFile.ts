import { XLSX_MEDIA_TYPE, type ImportReport } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import { importPerformance } from './importPerformance.js';
import { readPerformanceSheet } from './readPerformanceSheet.js';

/** HR's upload: read the CSV or xlsx sheet and import its rows; the report names sheet rows. */
export async function importPerformanceFile(deps: Pick<Deps, 'ds' | 'clock'>, file: { body: Buffer; mediaType: string }): Promise<ImportReport> {
  const rows = await readPerformanceSheet(file.body, file.mediaType);
  return importPerformance(deps, rows, file.mediaType === XLSX_MEDIA_TYPE ? 'xlsx' : 'csv');
}
