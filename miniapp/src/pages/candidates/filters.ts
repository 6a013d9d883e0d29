import { BATCH_PATTERN, STAGES, type ApplicationListQuery, type Stage } from '@aireview/shared';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { RESERVE_SUPERVISOR_TEXT } from '../../components/reserveSupervisor';

/** The candidate list's filters as the page holds them, and their mapping to the API and the URL. */

export const SCORE_BANDS = [
  { id: 'all', label: '全部分数' },
  { id: '80+', label: '80 分以上', min: 80, max: undefined },
  { id: '70-80', label: '70–79.9 分', min: 70, max: 79.9 },
  { id: '60-70', label: '60–69.9 分', min: 60, max: 69.9 },
  { id: '60-', label: '60 分以下', min: undefined, max: 59.9 },
] as const satisfies readonly { id: string; label: string; min?: number; max?: number }[];

export type ScoreBandId = (typeof SCORE_BANDS)[number]['id'];

/** Talent pools the list can be narrowed to (`pool=` in the API and the URL). */
export const POOLS = [{ id: 'reserve_supervisor', label: RESERVE_SUPERVISOR_TEXT }] as const satisfies readonly { id: NonNullable<ApplicationListQuery['pool']>; label: string }[];

export type PoolId = (typeof POOLS)[number]['id'];

export interface CandidateFilters {
  /** Name or phone suffix. */
  q: string;
  positionCode: string;
  stage: Stage | '';
  /** YYYY-MM-DD */
  batch: string;
  source: string;
  scoreBand: ScoreBandId;
  /** A talent pool, e.g. 储备主管. */
  pool: PoolId | '';
}

export const EMPTY_FILTERS: Readonly<CandidateFilters> = { q: '', positionCode: '', stage: '', batch: '', source: '', scoreBand: 'all', pool: '' };

export const PAGE_SIZE = 20;


/** Phone searches match a suffix of at least 4 digits. */
export const MIN_PHONE_DIGITS = 4;

/** A search that cannot match yet: digits, but too few for a phone suffix. Null when the search is fine. */
export function searchHint(q: string): string | null {
  const text = q.trim();
  return /^\d+$/.test(text) && text.length < MIN_PHONE_DIGITS ? `按手机号搜索请输入至少后 ${MIN_PHONE_DIGITS} 位` : null;
}

function scoreBand(id: ScoreBandId): { min?: number; max?: number } {
  const band = SCORE_BANDS.find((b) => b.id === id);
  return band && 'min' in band ? { min: band.min, max: band.max } : {};
}

/** The API query for one page: empty filters left out, a too-short phone search not sent. */
export function filtersToQuery(filters: CandidateFilters, cursor: string | null = null, limit = PAGE_SIZE): ApplicationListQuery {
  const query: ApplicationListQuery = { limit };
  const q = filters.q.trim();
  if (q && searchHint(q) === null) query.q = q;
  if (filters.positionCode) query.positionCode = filters.positionCode;
  if (filters.stage) query.stage = filters.stage;
  if (BATCH_PATTERN.test(filters.batch)) query.batch = filters.batch;
  if (filters.source.trim()) query.source = filters.source.trim();
  const { min, max } = scoreBand(filters.scoreBand);
  if (min !== undefined) query.scoreMin = min;
  if (max !== undefined) query.scoreMax = max;
  if (filters.pool) query.pool = filters.pool;
  if (cursor) query.cursor = cursor;
  return query;
}

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Filters from the page URL (so going back to the list, or sharing it, keeps them); bad values dropped. */
export function filtersFromRouteQuery(query: LocationQuery): CandidateFilters {
  const stage = single(query.stage);
  const band = single(query.score);
  const batch = single(query.batch);
  const pool = single(query.pool);
  return {
    q: single(query.q).slice(0, 64),
    positionCode: single(query.position).slice(0, 64),
    stage: (STAGES as readonly string[]).includes(stage) ? (stage as Stage) : '',
    batch: BATCH_PATTERN.test(batch) ? batch : '',
    source: single(query.source).slice(0, 64),
    scoreBand: SCORE_BANDS.some((b) => b.id === band) ? (band as ScoreBandId) : 'all',
    pool: POOLS.some((p) => p.id === pool) ? (pool as PoolId) : '',
  };
}

export function filtersToRouteQuery(filters: CandidateFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.positionCode) query.position = filters.positionCode;
  if (filters.stage) query.stage = filters.stage;
  if (filters.batch) query.batch = filters.batch;
  if (filters.source.trim()) query.source = filters.source.trim();
  if (filters.scoreBand !== 'all') query.score = filters.scoreBand;
  if (filters.pool) query.pool = filters.pool;
  return query;
}

/** How many filters besides the search box are set (the 筛选 button's badge). */
export function activeFilterCount(filters: CandidateFilters): number {
  return [filters.positionCode, filters.stage, filters.batch, filters.source.trim(), filters.scoreBand !== 'all' ? 'x' : '', filters.pool].filter(Boolean).length;
}

export function sameFilters(a: CandidateFilters, b: CandidateFilters): boolean {
  return (Object.keys(EMPTY_FILTERS) as (keyof CandidateFilters)[]).every((key) => a[key] === b[key]);
}
