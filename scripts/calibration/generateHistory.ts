/**
 * Synthetic hiring history with KNOWN true weights, to test and demonstrate calibration.
 *
 *   tsx scripts/calibration/generateHistory.ts --n 2000 --seed 7 --position CS-GENERAL \
 *     --out history.jsonl --performance performance.jsonl [--outcome satisfaction] [--noise-share 0.5] \
 *     [--weights communication=0.35,serviceAwareness=0.25,...] [--hire-rate 0.5]
 *
 * The model: each applicant's six dimension scores are correlated normals (a shared "general
 * ability" factor plus a specific part) around 70 ± 10, clamped to 0..100 and kept to one decimal
 * as scoring does. Only the best applicants by their mean score (plus the recruiter's own noise) are
 * hired and seen, so the scores are range-restricted as in real data. The outcome is
 * Σ trueWeights_d·score_d plus independent normal noise sized so that the true model explains
 * 1 − noiseShare of the outcome's variance, then shifted and scaled linearly onto the metric's range.
 * Selection depends on the scores only, so E[outcome | scores] stays exactly linear with the true weights.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DIMENSIONS, InterviewResultSchema, type Dimension, type InterviewResult, type ScenarioInput } from '@aireview/shared';
import { createRng, type Rng } from '../../server/src/seed/random.js';

export type Weights = Partial<Record<Dimension, number>>;
export type DimensionScoreRecord = Record<Dimension, number>;

/** Performance metrics the generator can produce, with where their values sit. Higher is better. */
export const OUTCOME_METRICS = {
  /** Share of satisfied customer ratings, percent. */
  satisfaction: { mean: 85, sd: 5, decimals: 1 },
  /** Quality-inspection score of handled conversations, 0..100. */
  qualityScore: { mean: 80, sd: 8, decimals: 1 },
} as const;
export type OutcomeMetric = keyof typeof OUTCOME_METRICS;

export const DEFAULT_TRUE_WEIGHTS: Weights = {
  communication: 0.35,
  serviceAwareness: 0.25,
  problemSolving: 0.15,
  adaptability: 0.1,
  productKnowledge: 0.1,
  teamwork: 0.05,
};

export interface GenerateHistoryOptions {
  /** Hires to return. */
  n: number;
  seed: number;
  /** The weights the outcome is really made of (relative; normally summing to 1). */
  trueWeights: Weights;
  /** Share of the outcome's variance the true model does NOT explain: 0 = no noise, 1 = pure noise. Default 0.5. */
  noiseShare?: number;
  outcome?: OutcomeMetric;
  /** Share of interviewed applicants hired; below 1 only the better ones are seen. Default 0.5. */
  hireRate?: number;
  /** Correlation between any two dimension scores of one applicant. Default 0.3. */
  dimensionCorrelation?: number;
  scoreMean?: number;
  scoreSd?: number;
}

export interface HistoryRow {
  id: string;
  scores: DimensionScoreRecord;
  outcome: number;
}

export const HISTORY_DEFAULTS = { noiseShare: 0.5, outcome: 'satisfaction', hireRate: 0.5, dimensionCorrelation: 0.3, scoreMean: 70, scoreSd: 10 } as const;

/** Recruiters do not hire by the score alone: sd of their own judgement added to the mean score. */
const SELECTION_NOISE_SD = 5;

export function generateHistory(options: GenerateHistoryOptions): HistoryRow[] {
  const { n, seed, trueWeights } = options;
  const noiseShare = options.noiseShare ?? HISTORY_DEFAULTS.noiseShare;
  const hireRate = options.hireRate ?? HISTORY_DEFAULTS.hireRate;
  const rho = options.dimensionCorrelation ?? HISTORY_DEFAULTS.dimensionCorrelation;
  const metric = OUTCOME_METRICS[options.outcome ?? HISTORY_DEFAULTS.outcome];
  if (!(Number.isInteger(n) && n >= 2)) throw new RangeError(`n must be an integer ≥ 2 (got ${n})`);
  if (!(noiseShare >= 0 && noiseShare <= 1)) throw new RangeError(`noiseShare must be within [0, 1] (got ${noiseShare})`);
  if (!(hireRate > 0 && hireRate <= 1)) throw new RangeError(`hireRate must be within (0, 1] (got ${hireRate})`);
  if (!(rho >= 0 && rho < 1)) throw new RangeError(`dimensionCorrelation must be within [0, 1) (got ${rho})`);

  const rng = createRng(seed);
  const applicants = Array.from({ length: Math.ceil(n / hireRate) }, () => applicantScores(rng, rho, options.scoreMean ?? HISTORY_DEFAULTS.scoreMean, options.scoreSd ?? HISTORY_DEFAULTS.scoreSd));
  const hires = selectHires(rng, applicants, n);

  const signal = hires.map((scores) => DIMENSIONS.reduce((sum, d) => sum + (trueWeights[d] ?? 0) * scores[d], 0));
  const latent = withNoise(rng, signal, noiseShare);
  const [latentMean, latentSd] = [mean(latent), sd(latent)];
  return hires.map((scores, i) => ({
    id: `hire-${seed}-${String(i + 1).padStart(5, '0')}`,
    scores,
    outcome: roundTo(metric.mean + (metric.sd * (latent[i]! - latentMean)) / latentSd, metric.decimals),
  }));
}

/** Common factor g plus a specific part per dimension: corr(x_d, x_e) = rho before clamping. */
function applicantScores(rng: Rng, rho: number, scoreMean: number, scoreSd: number): DimensionScoreRecord {
  const general = rng.normal(0, 1);
  const entries = DIMENSIONS.map((d) => {
    const z = Math.sqrt(rho) * general + Math.sqrt(1 - rho) * rng.normal(0, 1);
    return [d, roundTo(Math.min(100, Math.max(0, scoreMean + scoreSd * z)), 1)] as const;
  });
  return Object.fromEntries(entries) as DimensionScoreRecord;
}

/** The n applicants with the best mean score plus recruiter noise, in application order. */
function selectHires(rng: Rng, applicants: readonly DimensionScoreRecord[], n: number): DimensionScoreRecord[] {
  const judged = applicants.map((scores, index) => ({ index, merit: mean(DIMENSIONS.map((d) => scores[d])) + rng.normal(0, SELECTION_NOISE_SD) }));
  const hired = new Set(
    judged
      .sort((a, b) => b.merit - a.merit || a.index - b.index)
      .slice(0, n)
      .map((j) => j.index),
  );
  return applicants.filter((_, index) => hired.has(index));
}

/** signal + e with Var(e) = Var(signal)·share/(1 − share); pure noise when share = 1. */
function withNoise(rng: Rng, signal: readonly number[], share: number): number[] {
  if (share === 1) return signal.map(() => rng.normal(0, 1));
  const signalSd = sd(signal);
  if (!(signalSd > 0)) throw new RangeError('the true weights give every hire the same signal; weight at least one dimension');
  const noiseSd = signalSd * Math.sqrt(share / (1 - share));
  return signal.map((s) => s + rng.normal(0, noiseSd));
}

// ---------------------------------------------------------------------------------------------
// The same hires as the server would receive them: ingestion payloads, hiring outcomes, performance.

export interface HiredOutcome {
  stage: 'hired';
  decidedAt: string;
  hiredAt: string;
  employeeId: string;
}

export interface HistoryLine {
  interview: InterviewResult;
  outcome: HiredOutcome;
}

export type PerformanceRecord = { employeeId: string; period: string } & Partial<Record<OutcomeMetric, number>>;

export interface IngestionRecordOptions {
  positionCode: string;
  /** Seeds the dates, latencies and per-scenario spread; the scores come from the rows. */
  seed: number;
  outcome?: OutcomeMetric;
  /** Interviews are spread over `spanDays` days from this instant. */
  from?: string;
  spanDays?: number;
}

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Performance is measured in the third calendar month after the hire date. */
const PERFORMANCE_MONTHS_AFTER_HIRE = 3;

const SCENARIOS = [
  { scenarioId: 'cal_lost_parcel', title: '包裹丢失', prompt: '我的快递显示签收了，可是我根本没收到！', transcript: '非常抱歉给您带来困扰，我马上联系快递核实签收情况。' },
  { scenarioId: 'cal_refund_delay', title: '退款迟迟未到账', prompt: '退款申请都一周了还没到账，你们是不是不想退？', transcript: '理解您的着急，我这就帮您查询退款进度并催办。' },
] as const;

/**
 * Each row as `{ interview, outcome }` plus one performance record. The interview carries the row's
 * scores twice: as `dimensionScores` and as two scenarios scored score ± δ, whose mean (rounded to one
 * decimal, as resolveDimensionScores does) is the score again, so scoring yields exactly the row's scores.
 */
export function toIngestionRecords(rows: readonly HistoryRow[], options: IngestionRecordOptions): { history: HistoryLine[]; performance: PerformanceRecord[] } {
  const rng = createRng(options.seed ^ 0x5eed);
  const metric = options.outcome ?? HISTORY_DEFAULTS.outcome;
  const fromMs = Date.parse(options.from ?? '2024-01-01T00:00:00+08:00');
  const spanDays = options.spanDays ?? 540;
  const history: HistoryLine[] = [];
  const performance: PerformanceRecord[] = [];
  for (const row of rows) {
    const startedMs = fromMs + rng.int(0, spanDays - 1) * DAY_MS + rng.int(9 * 60, 17 * 60) * 60_000;
    const completedMs = startedMs + rng.int(18, 35) * 60_000;
    const decidedMs = completedMs + rng.int(1, 5) * DAY_MS;
    const hiredMs = decidedMs + rng.int(7, 14) * DAY_MS;
    const employeeId = `emp-${row.id}`;
    const interview: InterviewResult = {
      interviewId: `cal-itv-${row.id}`,
      positionCode: options.positionCode,
      candidate: { externalId: `cal-cand-${row.id}`, name: `校准样本${row.id.slice(-5)}`, source: '合成数据' },
      startedAt: beijingIso(startedMs),
      completedAt: beijingIso(completedMs),
      scenarios: scenariosFor(rng, row.scores),
      dimensionScores: { ...row.scores },
    };
    history.push({ interview: InterviewResultSchema.parse(interview), outcome: { stage: 'hired', decidedAt: beijingIso(decidedMs), hiredAt: beijingIso(hiredMs), employeeId } });
    performance.push({ employeeId, period: periodAfter(hiredMs, PERFORMANCE_MONTHS_AFTER_HIRE), [metric]: row.outcome });
  }
  return { history, performance };
}

/** Two scenarios scored score + δ and score − δ (δ in tenths, both kept within 0..100). */
function scenariosFor(rng: Rng, scores: DimensionScoreRecord): ScenarioInput[] {
  const spread = DIMENSIONS.map((d) => {
    const room = Math.min(80, Math.round(scores[d] * 10), Math.round((100 - scores[d]) * 10));
    return [d, rng.int(0, room) / 10] as const;
  });
  return SCENARIOS.map((scenario, index) => ({
    ...scenario,
    responseLatencySec: roundTo(rng.float(4, 40), 1),
    durationSec: rng.int(50, 120),
    scores: Object.fromEntries(spread.map(([d, delta]) => [d, roundTo(index === 0 ? scores[d] + delta : scores[d] - delta, 1)])),
  }));
}

/** An ISO instant in Beijing time with its offset, e.g. 2024-03-05T10:20:00+08:00. */
function beijingIso(ms: number): string {
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** 'YYYY-MM' of the Beijing calendar month `months` after the one containing `ms`. */
function periodAfter(ms: number, months: number): string {
  const local = new Date(ms + BEIJING_OFFSET_MS);
  const month = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + months, 1));
  return month.toISOString().slice(0, 7);
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function sd(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1));
}

// ---------------------------------------------------------------------------------------------
// CLI

/** `communication=0.35,serviceAwareness=0.25` → weights; unknown dimensions are refused. */
export function parseWeights(text: string): Weights {
  const weights: Weights = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    const dimension = DIMENSIONS.find((d) => d === name?.trim());
    const weight = Number(value);
    if (!dimension || !(weight >= 0)) throw new RangeError(`bad weight "${part}": use dimension=number with one of ${DIMENSIONS.join(', ')}`);
    weights[dimension] = weight;
  }
  return weights;
}

function toJsonl(items: readonly unknown[]): string {
  return items.map((item) => JSON.stringify(item)).join('\n') + '\n';
}

function main(): void {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '7' },
      position: { type: 'string', default: 'CS-GENERAL' },
      out: { type: 'string' },
      performance: { type: 'string' },
      outcome: { type: 'string', default: HISTORY_DEFAULTS.outcome },
      'noise-share': { type: 'string', default: String(HISTORY_DEFAULTS.noiseShare) },
      'hire-rate': { type: 'string', default: String(HISTORY_DEFAULTS.hireRate) },
      weights: { type: 'string' },
    },
  });
  if (!values.out) throw new Error('--out <history.jsonl> is required');
  const outcome = values.outcome as OutcomeMetric;
  if (!(outcome in OUTCOME_METRICS)) throw new Error(`--outcome must be one of ${Object.keys(OUTCOME_METRICS).join(', ')}`);
  const seed = Number(values.seed);
  const trueWeights = values.weights ? parseWeights(values.weights) : DEFAULT_TRUE_WEIGHTS;
  const rows = generateHistory({ n: Number(values.n), seed, trueWeights, outcome, noiseShare: Number(values['noise-share']), hireRate: Number(values['hire-rate']) });
  const { history, performance } = toIngestionRecords(rows, { positionCode: values.position, seed, outcome });
  writeFileSync(values.out, toJsonl(history));
  if (values.performance) writeFileSync(values.performance, toJsonl(performance));
  process.stdout.write(
    `Wrote ${history.length} hires to ${values.out}${values.performance ? ` and their ${outcome} to ${values.performance}` : ''} ` +
      `(true weights ${JSON.stringify(trueWeights)}, noise share ${values['noise-share']}).\n`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
