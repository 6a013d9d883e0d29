import type { AlertQuery, FairnessReport, ReportAlert, ReportExportFormat, ReportQuery, ReportSummary, TrainingReport } from '@aireview/shared';
import { request, requestFile, type DownloadedFile, type QueryValue } from './http';

/** 数据看板 (HR, admin; supervisors within their scope). Filters left out are not sent. */

export function getReportSummary(query: ReportQuery, signal?: AbortSignal): Promise<ReportSummary> {
  return request<ReportSummary>('/reports/summary', { query: { ...query }, signal });
}

/** The alerts the data supports now, for the position and days of `query` (batch and source do not apply). */
export function listReportAlerts(query: AlertQuery, signal?: AbortSignal): Promise<ReportAlert[]> {
  return request<ReportAlert[]>('/reports/alerts', { query: { ...query }, signal });
}

function exportQuery(query: ReportQuery, format: ReportExportFormat): Record<string, QueryValue> {
  return { ...query, format };
}

/**
 * The export as a file, fetched through the app's client so a refused or expired session shows as an
 * error message rather than as a downloaded error page.
 */
export function downloadReportExport(query: ReportQuery, format: ReportExportFormat): Promise<DownloadedFile> {
  return requestFile('/reports/export', { query: exportQuery(query, format) });
}

/** Adverse-impact monitoring (HR and admin only): groups compared on the AI's and people's rates. */
export function getReportFairness(query: ReportQuery, signal?: AbortSignal): Promise<FairnessReport> {
  return request<FairnessReport>('/reports/fairness', { query: { ...query }, signal });
}

/** Training completion per position and how trained hires perform. */
export function getReportTraining(query: ReportQuery, signal?: AbortSignal): Promise<TrainingReport> {
  return request<TrainingReport>('/reports/training', { query: { ...query }, signal });
}
