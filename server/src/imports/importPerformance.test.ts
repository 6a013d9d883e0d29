import type { SessionUser } from '@aireview/shared';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { expect, it } from 'vitest';
import { Application, InterviewRound, PerformanceRecord } from '../platform/db/entities/index.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { bearer, insertUsers, PEOPLE } from '../../test/fixtures.js';
import { historyRecord, TEST_IMPORT_SECRET } from '../../test/importFixtures.js';
import { buildTestApp, signedHeaders } from '../../test/testApp.js';
import { importHistory } from './importHistory.js';

const PATH = '/api/v1/performance-records';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describeEachDb('performance records', (db) => {
  const app = () => buildTestApp(db.ds, {}, { IMPORT_SECRET: TEST_IMPORT_SECRET });
  const post = (server: ReturnType<typeof app>['server'], records: unknown[]) => {
    const body = JSON.stringify({ records });
    return request(server).post(PATH).set('Content-Type', 'application/json').set(signedHeaders({ method: 'POST', path: PATH, body, secret: TEST_IMPORT_SECRET })).send(body);
  };

  /** Hires A (employeeId E-A), B (DingTalk user dt-b), C (phone only), D (hired for two positions), and a rejected R. */
  async function seedHires(deps: ReturnType<typeof app>['deps']) {
    await createTestPosition(db.ds);
    await createTestPosition(db.ds, { code: 'CS-FRESH', name: '生鲜客服', departmentId: 102, supervisorUserIds: ['sup_fresh'] });
    const candidate = (key: string, phone: string) => ({ externalId: `ext-${key}`, name: `员工${key}`, phone });
    const records = [
      historyRecord({ stage: 'hired', employeeId: 'E-A' }, { candidate: candidate('A', '13900000001') }),
      historyRecord({ stage: 'hired' }, { candidate: candidate('B', '13900000002') }),
      historyRecord({ stage: 'hired', leftAt: '2025-09-01T18:00:00+08:00' }, { candidate: candidate('C', '13900000003') }),
      historyRecord({ stage: 'hired' }, { candidate: candidate('D', '13900000004') }),
      historyRecord({ stage: 'hired' }, { candidate: candidate('D', '13900000004'), positionCode: 'CS-FRESH' }),
      historyRecord({ stage: 'rejected' }, { candidate: candidate('R', '13900000009') }),
    ];
    expect((await importHistory(deps, records)).accepted).toBe(6);
    const applicationOf = async (index: number) =>
      (await db.ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: records[index]!.interview.interviewId })).applicationId;
    const ids = { A: await applicationOf(0), B: await applicationOf(1), C: await applicationOf(2) };
    await db.ds.getRepository(Application).update({ id: ids.B }, { employeeUserId: 'dt-b' });
    return ids;
  }
  const monthOf = (applicationId: string, period: string) => db.ds.getRepository(PerformanceRecord).findOneBy({ applicationId, period });

  it('matches by employee id, DingTalk user id, candidate external id and phone (a hire who left included)', async () => {
    const { server, deps } = app();
    const ids = await seedHires(deps);
    const res = await post(server, [
      { employeeId: 'E-A', period: '2025-06', satisfaction: 91.5 },
      { employeeId: 'dt-b', period: '2025-06', resolutionRate: 0.82 },
      { candidateExternalId: 'ext-B', period: '2025-07', qaScore: 77 },
      { phone: '+86 139 0000 0003', period: '2025-06', satisfaction: 60, qaScore: 70 },
      { employeeId: 'E-unknown', candidateExternalId: 'ext-A', period: '2025-07', satisfaction: 88 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ accepted: 5, replayed: 0, rejected: [] });
    expect(await monthOf(ids.A, '2025-06')).toMatchObject({ satisfaction: 91.5, resolutionRate: null, source: 'api' });
    expect(Number((await monthOf(ids.B, '2025-06'))?.resolutionRate)).toBeCloseTo(0.82, 5);
    expect(await monthOf(ids.B, '2025-07')).toMatchObject({ qaScore: 77 });
    expect(await monthOf(ids.C, '2025-06')).toMatchObject({ satisfaction: 60, qaScore: 70 });
    expect(await monthOf(ids.A, '2025-07')).toMatchObject({ satisfaction: 88 });
  });

  it('rejects unknown, ambiguous and invalid records, writing only the others', async () => {
    const { server, deps } = app();
    const ids = await seedHires(deps);
    const before = await countRows(db.ds);
    const res = await post(server, [
      { employeeId: 'nobody', period: '2025-06', satisfaction: 80 },
      { candidateExternalId: 'ext-R', period: '2025-06', satisfaction: 80 },
      { candidateExternalId: 'ext-D', period: '2025-06', satisfaction: 80 },
      { phone: '13900000004', period: '2025-06', satisfaction: 80 },
      { employeeId: 'E-A', period: '2025-13', satisfaction: 80 },
      { employeeId: 'E-A', period: '2025-06' },
      { period: '2025-06', satisfaction: 80 },
      { employeeId: 'E-A', period: '2025-06', satisfaction: 101 },
      { employeeId: 'E-A', period: '2025-06', satisfaction: 80 },
    ]);
    expect(res.body.data.accepted).toBe(1);
    expect(res.body.data.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [0, 'unknown_employee'],
      [1, 'unknown_employee'],
      [2, 'ambiguous_employee'],
      [3, 'ambiguous_employee'],
      [4, 'invalid_record'],
      [5, 'invalid_record'],
      [6, 'invalid_record'],
      [7, 'invalid_record'],
    ]);
    expect(await countRows(db.ds)).toEqual({ ...before, performance_records: 1 });
    expect(await monthOf(ids.A, '2025-06')).toMatchObject({ satisfaction: 80 });
  });

  it('upserts a month: the same values again change nothing, new values update it, omitted metrics stay', async () => {
    const { server, deps } = app();
    const ids = await seedHires(deps);
    const month = { employeeId: 'E-A', period: '2025-06', satisfaction: 85.2, resolutionRate: 0.9, qaScore: 80 };
    expect((await post(server, [month])).body.data.accepted).toBe(1);
    const first = await monthOf(ids.A, '2025-06');
    const before = await countRows(db.ds);
    expect((await post(server, [month])).body.data).toEqual({ accepted: 0, replayed: 1, rejected: [] });
    expect(await monthOf(ids.A, '2025-06')).toEqual(first);
    expect(await countRows(db.ds)).toEqual(before);

    expect((await post(server, [{ employeeId: 'E-A', period: '2025-06', qaScore: 90 }])).body.data.accepted).toBe(1);
    expect(await monthOf(ids.A, '2025-06')).toMatchObject({ id: first!.id, satisfaction: 85.2, qaScore: 90 });
    expect(await countRows(db.ds)).toEqual(before);
  });

  it('takes 5,000 records in one request', async () => {
    const { server, deps } = app();
    await seedHires(deps);
    const keys = [{ employeeId: 'E-A' }, { employeeId: 'dt-b' }, { phone: '13900000003' }];
    const records = Array.from({ length: 5000 }, (_, i) => ({ ...keys[i % 3], period: `${2000 + Math.floor(i / 36)}-${String((Math.floor(i / 3) % 12) + 1).padStart(2, '0')}`, satisfaction: i % 100 }));
    const started = performance.now();
    const res = await post(server, records);
    expect(res.body.data).toMatchObject({ accepted: 5000, rejected: [] });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect((await countRows(db.ds)).performance_records).toBe(5000);
  }, 60_000);

  it('refuses a request not signed with IMPORT_SECRET and more than 5,000 records', async () => {
    const { server } = app();
    const body = JSON.stringify({ records: [{ employeeId: 'E-A', period: '2025-06', satisfaction: 80 }] });
    const unsigned = await request(server).post(PATH).set('Content-Type', 'application/json').set(signedHeaders({ method: 'POST', path: PATH, body })).send(body);
    expect([unsigned.status, unsigned.body.error.code]).toEqual([401, 'bad_signature']);
    const tooMany = await post(server, Array.from({ length: 5001 }, () => ({})));
    expect([tooMany.status, tooMany.body.error.code]).toEqual([422, 'invalid_payload']);
  });

});

describeEachDb('POST /api/v1/performance-records/upload', (db) => {
  const app = () => buildTestApp(db.ds, {}, { IMPORT_SECRET: TEST_IMPORT_SECRET });
  const upload = async (server: ReturnType<typeof app>['server'], deps: ReturnType<typeof app>['deps'], body: Buffer, type: string, user: SessionUser = PEOPLE.hr) =>
    request(server).post(`${PATH}/upload`).set(await bearer(deps, user)).set('Content-Type', type).send(body);

  async function seedHire(deps: ReturnType<typeof app>['deps']) {
    await createTestPosition(db.ds);
    await insertUsers(db.ds);
    const record = historyRecord({ stage: 'hired', employeeId: 'E-1' }, { candidate: { externalId: 'ext-1', name: '员工一', phone: '13900000001' } });
    await importHistory(deps, [record]);
    return (await db.ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: record.interview.interviewId })).applicationId;
  }

  /** A sheet with Chinese headings, a blank row and a bad row, written by exceljs. */
  function workbook(): ExcelJS.Workbook {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('绩效');
    sheet.addRow(['工号', '候选人编号', '手机', '月份', '满意度', '解决率', '质检分']);
    sheet.addRow(['E-1', '', '', '2025-06', 92, '85%', 81]);
    sheet.addRow([]);
    sheet.addRow(['', 'ext-1', '', '2025/7', 88.5, 0.9, '']);
    sheet.addRow(['E-404', '', '', '2025-06', 70, '', '']);
    sheet.addRow(['E-1', '', '', '2025-06', 'abc', '', '']);
    return book;
  }

  const expectReport = (body: { data: { accepted: number; replayed: number; rejected: { row: number; code: string }[] } }) => {
    expect(body.data.accepted).toBe(2);
    expect(body.data.rejected.map((r) => [r.row, r.code])).toEqual([[5, 'unknown_employee'], [6, 'invalid_record']]);
  };

  it('reads an xlsx file written by exceljs and reports sheet rows', async () => {
    const { server, deps } = app();
    const applicationId = await seedHire(deps);
    const file = Buffer.from(await workbook().xlsx.writeBuffer());
    const res = await upload(server, deps, file, XLSX);
    expect(res.status).toBe(200);
    expectReport(res.body);
    const june = await db.ds.getRepository(PerformanceRecord).findOneByOrFail({ applicationId, period: '2025-06' });
    expect(june).toMatchObject({ satisfaction: 92, qaScore: 81, source: 'xlsx' });
    expect(june.resolutionRate).toBeCloseTo(0.85, 5);
    expect(await db.ds.getRepository(PerformanceRecord).findOneBy({ applicationId, period: '2025-07' })).toMatchObject({ satisfaction: 88.5 });
    // The same file again changes nothing.
    const again = await upload(server, deps, file, XLSX);
    expect(again.body.data).toMatchObject({ accepted: 0, replayed: 2 });
  });

  it('reads a CSV file (with BOM and English headings) written by exceljs', async () => {
    const { server, deps } = app();
    const applicationId = await seedHire(deps);
    const book = workbook();
    book.worksheets[0]!.getRow(1).values = ['employeeId', 'candidateExternalId', 'phone', 'period', 'satisfaction', 'resolutionRate', 'qaScore'];
    const csv = Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(await book.csv.writeBuffer())]);
    const res = await upload(server, deps, csv, 'text/csv');
    expect(res.status).toBe(200);
    expectReport(res.body);
    expect(await db.ds.getRepository(PerformanceRecord).findOneBy({ applicationId, period: '2025-06' })).toMatchObject({ satisfaction: 92, source: 'csv' });
  });

  it('is for HR and admins, with a session; refuses other types, broken files and sheets without 月份', async () => {
    const { server, deps } = app();
    await seedHire(deps);
    const csv = Buffer.from('工号,月份,满意度\nE-1,2025-06,90\n');
    expect((await upload(server, deps, csv, 'text/csv', PEOPLE.admin)).status).toBe(200);
    expect((await upload(server, deps, csv, 'text/csv', PEOPLE.supGeneral)).status).toBe(403);
    expect((await request(server).post(`${PATH}/upload`).set('Content-Type', 'text/csv').send(csv)).status).toBe(401);
    // Each call opens a session for its user; everything else must stay as it was.
    const rowsBesideSessions = async () => ({ ...(await countRows(db.ds)), sessions: 0 });
    const before = await rowsBesideSessions();
    const pdf = await upload(server, deps, csv, 'application/pdf');
    expect([pdf.status, pdf.body.error.code]).toEqual([415, 'unsupported_media_type']);
    const broken = await upload(server, deps, Buffer.from('not a zip'), XLSX);
    expect([broken.status, broken.body.error.code]).toEqual([422, 'invalid_payload']);
    const noPeriod = await upload(server, deps, Buffer.from('工号,满意度\nE-1,90\n'), 'text/csv');
    expect([noPeriod.status, noPeriod.body.error.code]).toEqual([422, 'invalid_payload']);
    expect(await rowsBesideSessions()).toEqual(before);
  });
});
