import type { ImportReport } from '@aireview/shared';
import { request } from './http';

/** The media types the upload accepts, by file extension (browsers do not agree on a CSV's type). */
const MEDIA_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The media type the server expects for this file, or null when it is neither CSV nor xlsx. */
export function performanceFileType(name: string): string | null {
  const extension = name.split('.').pop()?.toLowerCase() ?? '';
  return MEDIA_TYPES[extension] ?? null;
}

/** HR/admins: upload a performance sheet; the report names rejected rows by their sheet row number. */
export function uploadPerformanceFile(file: File): Promise<ImportReport> {
  const type = performanceFileType(file.name);
  if (!type) return Promise.reject(new Error('请选择 CSV 或 Excel（.xlsx）文件'));
  return request<ImportReport>('/performance-records/upload', { method: 'POST', file: new Blob([file], { type }) });
}
