import {
  DIMENSIONS,
  DIMENSION_LABELS,
  RECOMMENDATION_LABELS,
  STAGE_LABELS,
  XLSX_MEDIA_TYPE,
  type ReportExportFormat,
  type ReportExportQuery,
  type ReportSummary,
  type SessionUser,
} from '@aireview/shared';
import ExcelJS from 'exceljs';
import { phoneFor } from '../candidates/index.js';
import { shanghaiDay } from '../hiring/index.js';
import { writeAudit } from '../platform/audit.js';
import type { Deps } from '../platform/deps.js';
import { loadExportRows, type ExportRow } from './exportRows.js';
import { scopeFor, summarizeReports } from './summarizeReports.js';

/** A file to send as an attachment. */
export interface ReportFile {
  /** 数据看板-YYYY-MM-DD.xlsx (the Asia/Shanghai day of the export). */
  filename: string;
  /** The same in ASCII, for clients that do not read RFC 5987 `filename*`. */
  fallbackFilename: string;
  contentType: string;
  body: Buffer;
}

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const CONVERSION_LABELS: Record<keyof ReportSummary['conversion'], string> = {
  reviewedToSecondInterview: '审核后进入复试',
  secondInterviewToHired: '复试后录用',
  hiredToRetained90d: '录用后留存 90 天',
};

type Cell = string | number | null;

/** 候选人明细: the header and one row per application, the same in xlsx and csv. */
const DETAIL_HEADER = ['候选人', '手机号', '岗位', '岗位编码', '批次', '来源', '阶段', '综合分', '建议', ...DIMENSIONS.map((d) => DIMENSION_LABELS[d]), '最近面试时间'];

/** YYYY-MM-DD HH:mm in Asia/Shanghai (UTC+8, no DST). */
function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

function detailRow(viewer: SessionUser, row: ExportRow): Cell[] {
  return [
    row.candidateName,
    phoneFor(viewer, row.phone),
    row.positionName,
    row.positionCode,
    row.batch,
    row.source,
    STAGE_LABELS[row.stage],
    row.overallScore,
    RECOMMENDATION_LABELS[row.recommendation],
    ...DIMENSIONS.map((d) => row.dimensionScores[d] ?? null),
    shanghaiMinute(row.lastInterviewAt),
  ];
}

/**
 * GET /api/v1/reports/export: the report of the applications in the viewer's scope that match the
 * filters, as a workbook (the summary's tables, one worksheet each, and 候选人明细) or as CSV (候选人明细
 * only). Phones are masked as the candidate list masks them (full for HR and admin). Audited as
 * `reports.exported` with who, the filters, the format and the number of rows.
 */
export async function exportReport(
  deps: Pick<Deps, 'ds' | 'clock'>,
  viewer: SessionUser,
  query: ReportExportQuery,
  requestId?: string,
): Promise<ReportFile> {
  const { format, ...filters } = query;
  const scope = await scopeFor(deps, viewer, filters);
  const rows = (await loadExportRows(deps.ds, scope)).map((row) => detailRow(viewer, row));
  const now = deps.clock.now();
  const body = format === 'xlsx' ? await workbookOf(await summarizeReports(deps, viewer, filters), filters, rows, now) : csvOf([DETAIL_HEADER, ...rows]);
  await writeAudit(
    deps.ds.manager,
    {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'reports.exported',
      subjectType: 'reports',
      subjectId: 'export',
      details: { format, filters: Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)), rows: rows.length },
      requestId: requestId ?? null,
    },
    now,
  );
  const day = shanghaiDay(now);
  return { filename: `数据看板-${day}.${format}`, fallbackFilename: `report-${day}.${format}`, contentType: contentTypeOf(format), body };
}

function contentTypeOf(format: ReportExportFormat): string {
  return format === 'xlsx' ? XLSX_MEDIA_TYPE : CSV_CONTENT_TYPE;
}

/** A text cell Excel would read as a formula (= + - @, or a leading tab/CR) gets a leading apostrophe. */
function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** RFC 4180: CRLF line ends, fields with a quote, comma or line break quoted and quotes doubled; UTF-8 with BOM for Excel. */
function csvOf(table: readonly (readonly Cell[])[]): Buffer {
  const field = (cell: Cell) => {
    if (cell === null) return '';
    const text = typeof cell === 'number' ? String(cell) : defuse(cell);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return Buffer.from(`\uFEFF${table.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** One worksheet: a bold, frozen header row, then the rows; numbers formatted per column. */
function addSheet(wb: ExcelJS.Workbook, name: string, header: readonly string[], rows: readonly (readonly Cell[])[], formats: Record<number, string> = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...header]).font = { bold: true };
  for (const row of rows) ws.addRow([...row]);
  header.forEach((title, i) => {
    const column = ws.getColumn(i + 1);
    // Wide enough for the longest value (CJK characters count double), within 10..40.
    const longest = rows.reduce((max, r) => Math.max(max, String(r[i] ?? '').length), title.length);
    column.width = Math.min(40, Math.max(10, longest * 2));
    if (formats[i + 1]) column.numFmt = formats[i + 1]!;
  });
  return ws;
}

const PERCENT = '0.0%';

async function workbookOf(summary: ReportSummary, filters: Omit<ReportExportQuery, 'format'>, details: readonly Cell[][], now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'AI面试结果审核';
  wb.created = now;

  addSheet(wb, '概览', ['指标', '值'], [
    ['导出时间', shanghaiMinute(now)],
    ['岗位', filters.positionCode ?? '全部'],
    ['面试日期', filters.from || filters.to ? `${filters.from ?? ''} 至 ${filters.to ?? ''}` : '全部'],
    ['批次', filters.batch ?? '全部'],
    ['来源', filters.source ?? '全部'],
    ['申请数', summary.n],
    ['综合分均值', summary.overall.mean],
    ['综合分中位数', summary.overall.median],
  ]);

  const distributions = [summary.overall, ...summary.dimensions];
  addSheet(wb, '分数分布', ['分数段', '综合分', ...summary.dimensions.map((d) => DIMENSION_LABELS[d.dimension])], [
    ...summary.overall.histogram.map((bin, i) => [`${bin.from}–${bin.to}`, ...distributions.map((d) => d.histogram[i]?.count ?? 0)]),
    ['人数', ...distributions.map((d) => d.n)],
    ['均值', ...distributions.map((d) => d.mean)],
    ['中位数', ...distributions.map((d) => d.median)],
  ]);

  addSheet(wb, '漏斗', ['阶段', '人数'], summary.funnel.map((f) => [STAGE_LABELS[f.stage], f.count]));

  addSheet(
    wb,
    '转化率',
    ['环节', '人数', '基数', '比例', '95% 置信区间下限', '95% 置信区间上限'],
    (Object.keys(CONVERSION_LABELS) as (keyof ReportSummary['conversion'])[]).map((key) => {
      const r = summary.conversion[key];
      return [CONVERSION_LABELS[key], r.count, r.of, r.rate, r.ci95?.[0] ?? null, r.ci95?.[1] ?? null];
    }),
    { 4: PERCENT, 5: PERCENT, 6: PERCENT },
  );

  addSheet(wb, '审核时长', ['指标', '值'], [
    ['已决审核数', summary.cycleTime.n],
    ['中位时长（小时）', summary.cycleTime.medianHours],
    ['P90 时长（小时）', summary.cycleTime.p90Hours],
  ]);

  addSheet(
    wb,
    '主管',
    ['主管', '钉钉用户 ID', '审核数', '与 AI 一致率', '中位时长（小时）'],
    summary.supervisors.map((s) => [s.name ?? s.userId, s.userId, s.decisions, s.agreementRate, s.medianHours]),
    { 4: PERCENT },
  );

  addSheet(wb, '渠道', ['来源', '人数', '综合分均值', '进入复试率'], summary.sources.map((s) => [s.source, s.n, s.meanOverall, s.secondInterviewRate]), { 4: PERCENT });

  addSheet(wb, '候选人明细', DETAIL_HEADER, details);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
