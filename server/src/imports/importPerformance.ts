import { randomUUID } from 'node:crypto';
import { PerformanceInputSchema, type ImportReport, type PerformanceInput, type RejectedRecord } from '@aireview/shared';
import { In, type EntityManager } from 'typeorm';
import { normalizePhone } from '../interviews/index.js';
import { Application, Candidate, PerformanceRecord } from '../platform/db/entities/index.js';
import type { PerformanceSource } from '../platform/db/entities/PerformanceRecord.js';
import { inTransaction, isUniqueViolation } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { zodDetails } from '../platform/http/errorHandler.js';

/** One record as sent, with the sheet row it came from (HR upload). */
export interface PerformanceRow {
  record: unknown;
  row?: number;
}

/** Keys per IN (...) list: well under every driver's parameter limit. */
const LOOKUP_CHUNK = 500;
const INSERT_CHUNK = 200;
const HIRED_STAGES = ['hired', 'left'] as const;
const METRICS = ['satisfaction', 'resolutionRate', 'qaScore'] as const;
type Metric = (typeof METRICS)[number];
type Metrics = Record<Metric, number | null>;

/**
 * Upsert monthly performance of hires. Each record is matched to one hired (hired or left)
 * application by employeeId (the DingTalk user id or the imported employee id), else the candidate's
 * external id, else the phone number — the first key that finds anyone decides; several hires for it
 * is ambiguous_employee. (application, period) is upserted: given metrics overwrite, omitted ones stay,
 * and a month re-sent with the same values writes nothing (replayed). Lookups are batched (a few
 * queries for 5,000 rows); the matched records are written in one transaction.
 */
export async function importPerformance(deps: Pick<Deps, 'ds' | 'clock'>, rows: readonly PerformanceRow[], source: PerformanceSource): Promise<ImportReport> {
  try {
    return await importIn(deps, rows, source);
  } catch (error) {
    // A concurrent import inserted the same month first: run again, it now updates or replays.
    if (!isUniqueViolation(error)) throw error;
    return importIn(deps, rows, source);
  }
}

async function importIn(deps: Pick<Deps, 'ds' | 'clock'>, rows: readonly PerformanceRow[], source: PerformanceSource): Promise<ImportReport> {
  const rejected: RejectedRecord[] = [];
  const reject = (index: number, code: RejectedRecord['code'], message: string, details?: unknown) =>
    rejected.push({ index, ...(rows[index]!.row === undefined ? {} : { row: rows[index]!.row }), code, message, ...(details === undefined ? {} : { details }) });

  const valid: { index: number; input: PerformanceInput }[] = [];
  rows.forEach((row, index) => {
    const parsed = PerformanceInputSchema.safeParse(row.record);
    if (parsed.success) valid.push({ index, input: parsed.data });
    else reject(index, 'invalid_record', '记录不符合要求', zodDetails(parsed.error));
  });

  const hires = await findHires(deps.ds.manager, valid.map((v) => v.input));
  const matched: { index: number; input: PerformanceInput; applicationId: string }[] = [];
  for (const { index, input } of valid) {
    const keys: [string, Map<string, Set<string>>, string | null | undefined][] = [
      ['工号', hires.byEmployee, input.employeeId],
      ['候选人编号', hires.byExternalId, input.candidateExternalId],
      ['手机号', hires.byPhone, normalizePhone(input.phone)],
    ];
    const hit = keys.find(([, map, key]) => key && map.has(key));
    if (!hit) {
      reject(index, 'unknown_employee', '没有找到对应的已录用员工', { employeeId: input.employeeId, candidateExternalId: input.candidateExternalId });
      continue;
    }
    const ids = [...hit[1].get(hit[2]!)!];
    if (ids.length > 1) {
      reject(index, 'ambiguous_employee', `按${hit[0]}匹配到 ${ids.length} 名已录用员工，请改用工号或候选人编号`, { matchedBy: hit[0], count: ids.length });
      continue;
    }
    matched.push({ index, input, applicationId: ids[0]! });
  }

  const report: ImportReport = { accepted: 0, replayed: 0, rejected };
  if (matched.length > 0) {
    await inTransaction(deps.ds, async (em) => {
      const now = deps.clock.now();
      const existing = await existingMonths(em, [...new Set(matched.map((m) => m.applicationId))]);
      const inserts = new Map<string, PerformanceRecord>();
      const updates = new Map<string, PerformanceRecord>();
      for (const { input, applicationId } of matched) {
        const key = `${applicationId}|${input.period}`;
        const before = inserts.get(key) ?? updates.get(key) ?? existing.get(key);
        const metrics = mergeMetrics(before, input);
        if (before && sameMetrics(before, metrics)) {
          report.replayed += 1;
          continue;
        }
        report.accepted += 1;
        if (!before || inserts.has(key)) {
          inserts.set(key, { id: before?.id ?? randomUUID(), applicationId, period: input.period, ...metrics, source, createdAt: now, updatedAt: now });
        } else {
          updates.set(key, { ...before, ...metrics, source, updatedAt: now });
        }
      }
      const fresh = [...inserts.values()];
      for (let i = 0; i < fresh.length; i += INSERT_CHUNK) await em.insert(PerformanceRecord, fresh.slice(i, i + INSERT_CHUNK));
      for (const row of updates.values()) {
        await em.update(PerformanceRecord, { id: row.id }, { satisfaction: row.satisfaction, resolutionRate: row.resolutionRate, qaScore: row.qaScore, source, updatedAt: now });
      }
    });
  }
  report.rejected.sort((a, b) => a.index - b.index);
  return report;
}

interface Hires {
  byEmployee: Map<string, Set<string>>;
  byExternalId: Map<string, Set<string>>;
  byPhone: Map<string, Set<string>>;
}

function chunks<T>(values: readonly T[], size = LOOKUP_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

function add(map: Map<string, Set<string>>, key: string | null, applicationId: string): void {
  if (!key) return;
  const set = map.get(key) ?? new Set<string>();
  set.add(applicationId);
  map.set(key, set);
}

/** Every hired application any of the records' keys can name, in a few batched queries. */
async function findHires(em: EntityManager, inputs: readonly PerformanceInput[]): Promise<Hires> {
  const hires: Hires = { byEmployee: new Map(), byExternalId: new Map(), byPhone: new Map() };
  const employeeIds = [...new Set(inputs.flatMap((i) => (i.employeeId ? [i.employeeId] : [])))];
  const externalIds = [...new Set(inputs.flatMap((i) => (i.candidateExternalId ? [i.candidateExternalId] : [])))];
  const phones = [...new Set(inputs.flatMap((i) => normalizePhone(i.phone) ?? []))];
  const hired = { stage: In([...HIRED_STAGES]) };
  for (const part of chunks(employeeIds)) {
    const found = await em.find(Application, { select: { id: true, employeeUserId: true, employeeId: true }, where: [{ ...hired, employeeUserId: In(part) }, { ...hired, employeeId: In(part) }] });
    for (const a of found) {
      add(hires.byEmployee, a.employeeUserId, a.id);
      if (a.employeeId !== a.employeeUserId) add(hires.byEmployee, a.employeeId, a.id);
    }
  }
  const byCandidate = async (column: 'externalId' | 'phone', values: string[], map: Map<string, Set<string>>) => {
    for (const part of chunks(values)) {
      const found = await em
        .createQueryBuilder(Application, 'a')
        .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
        .select(['a.id AS id', `c.${column} AS k`])
        .where('a.stage IN (:...stages)', { stages: [...HIRED_STAGES] })
        .andWhere(`c.${column} IN (:...part)`, { part })
        .getRawMany<{ id: string; k: string }>();
      for (const r of found) add(map, r.k, r.id);
    }
  };
  await byCandidate('externalId', externalIds, hires.byExternalId);
  await byCandidate('phone', phones, hires.byPhone);
  return hires;
}

async function existingMonths(em: EntityManager, applicationIds: string[]): Promise<Map<string, PerformanceRecord>> {
  const map = new Map<string, PerformanceRecord>();
  for (const part of chunks(applicationIds)) {
    for (const row of await em.findBy(PerformanceRecord, { applicationId: In(part) })) map.set(`${row.applicationId}|${row.period}`, row);
  }
  return map;
}

/** Scores are stored with one decimal; compare and store what the column keeps. */
const oneDecimal = (value: number) => Math.round(value * 10) / 10;

function mergeMetrics(before: Metrics | undefined, input: PerformanceInput): Metrics {
  return {
    satisfaction: input.satisfaction === undefined ? (before?.satisfaction ?? null) : oneDecimal(input.satisfaction),
    resolutionRate: input.resolutionRate ?? before?.resolutionRate ?? null,
    qaScore: input.qaScore === undefined ? (before?.qaScore ?? null) : oneDecimal(input.qaScore),
  };
}

/** Equal as stored (resolutionRate is a float column: single precision on MySQL). */
function sameMetrics(a: Metrics, b: Metrics): boolean {
  return METRICS.every((m) => {
    const x = a[m] === null ? null : Number(a[m]);
    const y = b[m] === null ? null : Number(b[m]);
    return x === null || y === null ? x === y : Math.abs(x - y) < 1e-6;
  });
}
