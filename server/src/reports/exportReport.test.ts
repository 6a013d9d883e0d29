import { XLSX_MEDIA_TYPE, type ReportSummary } from '@aireview/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { PEOPLE, bearer, binary, createDemoPositions, insertUsers } from '../../test/fixtures.js';
import { insertReportRows } from '../../test/reportFixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { fixedClock } from '../platform/clock.js';
import { AuditEntry, Position } from '../platform/db/entities/index.js';

/** 01:30 on 2026-12-04 in Shanghai, still 2026-12-03 in UTC. */
const NOW = new Date('2026-12-03T17:30:00Z');
const DETAIL_HEADER = ['候选人', '手机号', '岗位', '岗位编码', '批次', '来源', '阶段', '综合分', '建议', '沟通表达', '应变能力', '服务意识', '产品知识', '团队协作', '问题解决', '最近面试时间'];
const SHEETS = ['概览', '分数分布', '漏斗', '转化率', '审核时长', '主管', '渠道', '候选人明细'];

type Viewer = keyof typeof PEOPLE;

/** A worksheet's rows as arrays of cell values, empty cells null (exceljs rows are 1-based and stop at their last value). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row) => rows.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value ?? null)));
  return rows;
}

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describeEachDb('reports API: export', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  let general: string;
  let fresh: string;
  const get = async (path: string, query: Record<string, string>, viewer: Viewer) => request(built.server).get(path).query(query).set(await bearer(built.deps, PEOPLE[viewer]));
  const download = async (query: Record<string, string>, viewer: Viewer = 'hr') => {
    const auth = await bearer(built.deps, PEOPLE[viewer]);
    const res = await request(built.server).get('/api/v1/reports/export').query(query).set(auth).buffer(true).parse(binary);
    expect(res.status, String(res.body)).toBe(200);
    return res as typeof res & { body: Buffer };
  };
  const sheetsOf = async (query: Record<string, string> = {}, viewer: Viewer = 'hr') => workbookOf((await download({ format: 'xlsx', ...query }, viewer)).body);
  const csvOf = async (query: Record<string, string> = {}, viewer: Viewer = 'hr') => (await download({ format: 'csv', ...query }, viewer)).body;
  const summaryOf = async (query: Record<string, string> = {}, viewer: Viewer = 'hr') => (await get('/api/v1/reports/summary', query, viewer)).body.data as ReportSummary;

  beforeEach(async () => {
    built = buildTestApp(db.ds, { clock: fixedClock(NOW) });
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    general = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).id;
    fresh = (await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-FRESH' })).id;
  });

  const insertMix = () =>
    insertReportRows(db.ds, [
      {
        positionId: general,
        name: '王小明',
        phone: '13812348000',
        stage: 'second_interview',
        overallScore: 72.5,
        recommendation: 'borderline',
        dimensionScores: { communication: 70, serviceAwareness: 75 },
        batch: '1120-A',
        source: '校园招聘',
        entered: ['second_interview'],
        review: { by: 'sup_general', hours: 2, agreedWithAi: true },
        // 2026-11-20 09:05 in Shanghai.
        at: new Date('2026-11-20T01:05:00Z'),
      },
      { positionId: general, overallScore: 91, dimensionScores: { communication: 95, teamwork: 88 }, batch: '1120-A', at: new Date('2026-11-21T02:00:00Z') },
      { positionId: general, stage: 'rejected', overallScore: 40, entered: ['rejected'], review: { by: 'sup_dept101', hours: 9, agreedWithAi: false }, batch: '1125-B', at: new Date('2026-11-25T02:00:00Z'), source: null },
      { positionId: fresh, overallScore: 65, batch: '1120-A', at: new Date('2026-11-20T03:00:00Z') },
    ]);

  it('refuses staff (403) and anonymous callers (401); a missing or unknown format or a bad filter is 400 invalid_query', async () => {
    const staff = await get('/api/v1/reports/export', { format: 'xlsx' }, 'staff');
    expect(staff.status).toBe(403);
    expect(staff.body.error.code).toBe('forbidden');
    expect((await request(built.server).get('/api/v1/reports/export?format=xlsx')).status).toBe(401);
    for (const query of [{}, { format: 'pdf' }, { format: 'XLSX' }, { format: 'csv', from: '2026-11-20', to: '2026-11-19' }, { format: 'csv', colour: 'red' }] as Record<string, string>[]) {
      const bad = await get('/api/v1/reports/export', query, 'hr');
      expect(bad.status, JSON.stringify(query)).toBe(400);
      expect(bad.body.error.code).toBe('invalid_query');
    }
  });

  it('answers 404 for an unknown position and for one outside a supervisor\'s scope, and audits nothing then', async () => {
    const unknown = await get('/api/v1/reports/export', { format: 'xlsx', positionCode: 'NOPE' }, 'hr');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
    expect((await get('/api/v1/reports/export', { format: 'csv', positionCode: 'CS-FRESH' }, 'supGeneral')).status).toBe(404);
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'reports.exported' })).toBe(0);
  });

  it('sends the workbook as an attachment named by the Asia/Shanghai day, RFC 5987 with an ASCII fallback, not cached', async () => {
    const res = await download({ format: 'xlsx' });
    expect(res.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="report-2026-12-04.xlsx"; filename*=UTF-8''${encodeURIComponent('数据看板-2026-12-04.xlsx')}`);
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.body.subarray(0, 2).toString()).toBe('PK');
    const csv = await download({ format: 'csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="report-2026-12-04.csv"; filename*=UTF-8''${encodeURIComponent('数据看板-2026-12-04.csv')}`);
  });

  it('lists one row per application in 候选人明细 under a Chinese header, with the full phone for HR', async () => {
    await insertMix();
    const wb = await sheetsOf();
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(SHEETS);
    const [header, ...rows] = rowsOf(wb.getWorksheet('候选人明细')!);
    expect(header).toEqual(DETAIL_HEADER);
    expect(rows).toHaveLength(4);
    // Newest interview first (Asia/Shanghai times).
    expect(rows.map((r) => r[15])).toEqual(['2026-11-25 10:00', '2026-11-21 10:00', '2026-11-20 11:00', '2026-11-20 09:05']);
    expect(rows[3]).toEqual(['王小明', '13812348000', '综合电商客服', 'CS-GENERAL', '1120-A', '校园招聘', '复试', 72.5, '待定', 70, null, 75, null, null, null, '2026-11-20 09:05']);
    expect(rows[0]!.slice(5, 9)).toEqual([null, '不通过', 40, '不推荐']);
    expect(rows[2]!.slice(2, 4)).toEqual(['生鲜客服', 'CS-FRESH']);
  });

  it('masks phones for a supervisor (138****8000), in the workbook and in the CSV', async () => {
    await insertMix();
    const xlsx = rowsOf((await sheetsOf({}, 'supGeneral')).getWorksheet('候选人明细')!);
    expect(xlsx.slice(1).map((r) => r[1])).toEqual([null, null, '138****8000']);
    const csv = parse((await csvOf({}, 'supGeneral')).toString('utf8'), { bom: true }) as string[][];
    expect(csv.slice(1).map((r) => r[1])).toEqual(['', '', '138****8000']);
    const hr = parse((await csvOf({}, 'admin')).toString('utf8'), { bom: true }) as string[][];
    expect(hr.find((r) => r[0] === '王小明')![1]).toBe('13812348000');
  });

  it('writes the summary tables as the summary reports them: overview, histograms, funnel, conversion, cycle time, supervisors, channels', async () => {
    await insertMix();
    const summary = await summaryOf();
    const wb = await sheetsOf();
    const overview = new Map(rowsOf(wb.getWorksheet('概览')!).map((r) => [r[0], r[1]]));
    expect([overview.get('申请数'), overview.get('综合分均值'), overview.get('综合分中位数')]).toEqual([4, summary.overall.mean, summary.overall.median]);
    expect(overview.get('导出时间')).toBe('2026-12-04 01:30');

    const [head, ...distribution] = rowsOf(wb.getWorksheet('分数分布')!);
    expect(head).toEqual(['分数段', '综合分', '沟通表达', '服务意识', '团队协作']);
    const bins = distribution.slice(0, 10);
    expect(bins.map((r) => r[0])).toEqual(summary.overall.histogram.map((b) => `${b.from}–${b.to}`));
    expect(bins.map((r) => r[1])).toEqual(summary.overall.histogram.map((b) => b.count));
    expect(bins.map((r) => r[1])).toEqual([0, 0, 0, 0, 1, 0, 1, 1, 0, 1]);
    summary.dimensions.forEach((d, i) => expect(bins.map((r) => r[2 + i]), d.dimension).toEqual(d.histogram.map((b) => b.count)));
    expect(distribution[10]).toEqual(['人数', summary.overall.n, ...summary.dimensions.map((d) => d.n)]);
    expect(distribution[11]).toEqual(['均值', summary.overall.mean, ...summary.dimensions.map((d) => d.mean)]);

    expect(rowsOf(wb.getWorksheet('漏斗')!).slice(1, 4)).toEqual([['AI面试完成', 0], ['待审核', 2], ['复试', 1]]);
    const conversion = rowsOf(wb.getWorksheet('转化率')!);
    expect(conversion[0]).toEqual(['环节', '人数', '基数', '比例', '95% 置信区间下限', '95% 置信区间上限']);
    const c = summary.conversion.reviewedToSecondInterview;
    expect(conversion[1]).toEqual(['审核后进入复试', c.count, c.of, c.rate, c.ci95![0], c.ci95![1]]);
    expect(conversion[2]).toEqual(['复试后录用', 0, 1, 0, summary.conversion.secondInterviewToHired.ci95![0], summary.conversion.secondInterviewToHired.ci95![1]]);
    expect(conversion[3]).toEqual(['录用后留存 90 天', 0, 0, null, null, null]);
    expect(wb.getWorksheet('转化率')!.getCell('D2').numFmt).toBe('0.0%');

    expect(rowsOf(wb.getWorksheet('审核时长')!).slice(1)).toEqual([['已决审核数', 2], ['中位时长（小时）', summary.cycleTime.medianHours], ['P90 时长（小时）', summary.cycleTime.p90Hours]]);
    expect(rowsOf(wb.getWorksheet('主管')!).slice(1)).toEqual([
      ['周强', 'sup_dept101', 1, 0, 9],
      ['张伟', 'sup_general', 1, 1, 2],
    ]);
    expect(rowsOf(wb.getWorksheet('渠道')!).slice(1)).toEqual(summary.sources.map((s) => [s.source, s.n, s.meanOverall, s.secondInterviewRate]));
  });

  it('honours the filters and the viewer\'s scope in the rows and the summary sheets', async () => {
    await insertMix();
    const count = async (query: Record<string, string>, viewer: Viewer = 'hr') => {
      const wb = await sheetsOf(query, viewer);
      const rows = rowsOf(wb.getWorksheet('候选人明细')!).length - 1;
      expect(new Map(rowsOf(wb.getWorksheet('概览')!).map((r) => [r[0], r[1]])).get('申请数')).toBe(rows);
      return rows;
    };
    expect(await count({})).toBe(4);
    expect(await count({ positionCode: 'CS-GENERAL' })).toBe(3);
    expect(await count({ batch: '1120-A' })).toBe(3);
    expect(await count({ source: '校园招聘' })).toBe(1);
    expect(await count({ from: '2026-11-21', to: '2026-11-25' })).toBe(2);
    expect(await count({}, 'supFresh')).toBe(1);
    expect(await count({}, 'supGeneral')).toBe(3);
    const csv = parse((await csvOf({ batch: '1125-B' })).toString('utf8'), { bom: true }) as string[][];
    expect(csv).toHaveLength(2);
    const overview = new Map(rowsOf((await sheetsOf({ positionCode: 'CS-GENERAL', batch: '1120-A' })).getWorksheet('概览')!).map((r) => [r[0], r[1]]));
    expect([overview.get('岗位'), overview.get('批次'), overview.get('来源'), overview.get('面试日期')]).toEqual(['CS-GENERAL', '1120-A', '全部', '全部']);
  });

  it('writes RFC 4180 CSV in UTF-8 with a BOM, quoting commas and quotes, and defusing cells Excel would run as formulas', async () => {
    await insertReportRows(db.ds, [
      { positionId: general, name: '李"小,红', phone: '+8613812348000', at: new Date('2026-11-22T02:00:00Z') },
      { positionId: general, name: '=HYPERLINK("http://x","y")', source: '@channel', at: new Date('2026-11-21T02:00:00Z') },
      { positionId: general, name: '-2+3', source: '多行\n来源', at: new Date('2026-11-20T02:00:00Z') },
    ]);
    const body = await csvOf();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe(DETAIL_HEADER.join(','));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"李""小,红",\'+8613812348000,');
    const [header, ...rows] = parse(body.toString('utf8'), { bom: true }) as string[][];
    expect(header).toEqual(DETAIL_HEADER);
    expect(rows.map((r) => r[0])).toEqual(['李"小,红', '\'=HYPERLINK("http://x","y")', "'-2+3"]);
    expect(rows[1]![5]).toBe("'@channel");
    expect(rows[2]![5]).toBe('多行\n来源');
    expect(rows[0]!.slice(6, 9)).toEqual(['待审核', '80', '推荐']);
    expect(rows[0]![15]).toBe('2026-11-22 10:00');
  });

  it('is in the OpenAPI document with its required format', async () => {
    const doc = (await request(built.server).get('/api/v1/openapi.json')).body;
    const operation = doc.paths['/api/v1/reports/export'].get;
    expect(operation.parameters.find((p: { name: string }) => p.name === 'format')).toMatchObject({ in: 'query', required: true, schema: { enum: ['xlsx', 'csv'] } });
    expect(operation.parameters.filter((p: { required: boolean }) => !p.required).map((p: { name: string }) => p.name)).toEqual(['positionCode', 'from', 'to', 'batch', 'source']);
    expect(Object.keys(operation.responses)).toEqual(['200', '400', '401', '403', '404']);
  });

  it('audits every export with who, the filters, the format and the number of rows', async () => {
    await insertMix();
    await download({ format: 'xlsx', batch: '1120-A' }, 'supGeneral');
    await download({ format: 'csv' });
    const entries = await db.ds.getRepository(AuditEntry).find({ where: { action: 'reports.exported' }, order: { actorId: 'ASC' } });
    expect(entries.map((e) => [e.actorId, e.subjectType, e.subjectId, e.details])).toEqual([
      ['hr01', 'reports', 'export', { format: 'csv', filters: {}, rows: 4 }],
      ['sup_general', 'reports', 'export', { format: 'xlsx', filters: { batch: '1120-A' }, rows: 2 }],
    ]);
    expect(entries.every((e) => e.createdAt.getTime() === NOW.getTime())).toBe(true);
  });
});
