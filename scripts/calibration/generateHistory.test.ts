import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIMENSIONS, EvaluationModelSchema, InterviewResultSchema, evaluate, resolveDimensionScores } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUE_WEIGHTS, generateHistory, parseWeights, toIngestionRecords, type HistoryRow } from './generateHistory.js';

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const variance = (v: readonly number[]) => v.reduce((s, x) => s + (x - mean(v)) ** 2, 0) / (v.length - 1);
const trueComposite = (row: HistoryRow) => DIMENSIONS.reduce((s, d) => s + DEFAULT_TRUE_WEIGHTS[d]! * row.scores[d], 0);

describe('generateHistory', () => {
  const rows = generateHistory({ n: 2000, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateHistory({ n: 50, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS })).toEqual(generateHistory({ n: 50, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS }));
    expect(generateHistory({ n: 50, seed: 8, trueWeights: DEFAULT_TRUE_WEIGHTS })).not.toEqual(generateHistory({ n: 50, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS }));
  });

  it('returns n hires with unique ids and one-decimal scores within 0..100', () => {
    expect(rows).toHaveLength(2000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2000);
    for (const row of rows) {
      for (const d of DIMENSIONS) {
        expect(row.scores[d]).toBeGreaterThanOrEqual(0);
        expect(row.scores[d]).toBeLessThanOrEqual(100);
        expect(Math.round(row.scores[d] * 10) / 10).toBe(row.scores[d]);
      }
    }
  });

  it('lets the true model explain about 1 − noiseShare of the outcome variance', () => {
    const r = (share: number) => {
      const data = generateHistory({ n: 4000, seed: 3, trueWeights: DEFAULT_TRUE_WEIGHTS, noiseShare: share });
      const x = data.map(trueComposite);
      const y = data.map((row) => row.outcome);
      const cov = x.reduce((s, xi, i) => s + (xi - mean(x)) * (y[i]! - mean(y)), 0) / (x.length - 1);
      return cov ** 2 / (variance(x) * variance(y));
    };
    expect(r(0.5)).toBeGreaterThan(0.45);
    expect(r(0.5)).toBeLessThan(0.55);
    expect(r(0.2)).toBeGreaterThan(0.75);
    expect(r(1)).toBeLessThan(0.01);
  });

  it('puts the outcome on the metric’s scale', () => {
    const outcomes = rows.map((r) => r.outcome);
    expect(mean(outcomes)).toBeCloseTo(85, 0);
    expect(Math.sqrt(variance(outcomes))).toBeCloseTo(5, 0);
    const quality = generateHistory({ n: 500, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS, outcome: 'qualityScore' }).map((r) => r.outcome);
    expect(mean(quality)).toBeCloseTo(80, 0);
  });

  it('sees only hires: with a hire rate below 1 the scores sit higher and spread less', () => {
    const everyone = generateHistory({ n: 2000, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS, hireRate: 1 });
    const meanScore = (data: HistoryRow[]) => mean(data.map((r) => mean(DIMENSIONS.map((d) => r.scores[d]))));
    const spread = (data: HistoryRow[]) => variance(data.map((r) => mean(DIMENSIONS.map((d) => r.scores[d]))));
    expect(meanScore(everyone)).toBeCloseTo(70, 0);
    expect(meanScore(rows)).toBeGreaterThan(meanScore(everyone) + 3);
    // Top half by (mean score + recruiter noise, sd 5): the mean score's variance shrinks to about 0.6×.
    expect(spread(rows)).toBeLessThan(spread(everyone) * 0.75);
  });

  it('refuses impossible options', () => {
    expect(() => generateHistory({ n: 10, seed: 1, trueWeights: DEFAULT_TRUE_WEIGHTS, noiseShare: 1.5 })).toThrow(RangeError);
    expect(() => generateHistory({ n: 10, seed: 1, trueWeights: {} })).toThrow(RangeError);
  });
});

describe('toIngestionRecords', () => {
  const rows = generateHistory({ n: 40, seed: 5, trueWeights: DEFAULT_TRUE_WEIGHTS });
  const { history, performance } = toIngestionRecords(rows, { positionCode: 'CS-GENERAL', seed: 5 });

  it('emits valid ingestion payloads for the position', () => {
    for (const line of history) {
      expect(InterviewResultSchema.safeParse(line.interview).success).toBe(true);
      expect(line.interview.positionCode).toBe('CS-GENERAL');
    }
  });

  it('makes scoring yield exactly the generated scores, from the scenarios alone and from dimensionScores', () => {
    const model = EvaluationModelSchema.parse({ weights: DEFAULT_TRUE_WEIGHTS, passScore: 70 });
    history.forEach((line, i) => {
      expect(resolveDimensionScores(line.interview.scenarios)).toEqual(rows[i]!.scores);
      expect(evaluate(model, line.interview.scenarios, line.interview.dimensionScores).dimensionScores).toEqual(rows[i]!.scores);
    });
  });

  it('links each hire to one performance record carrying the outcome', () => {
    history.forEach((line, i) => {
      expect(line.outcome.stage).toBe('hired');
      expect(Date.parse(line.outcome.decidedAt)).toBeGreaterThan(Date.parse(line.interview.completedAt));
      expect(Date.parse(line.outcome.hiredAt)).toBeGreaterThan(Date.parse(line.outcome.decidedAt));
      expect(performance[i]).toEqual({ employeeId: line.outcome.employeeId, period: expect.stringMatching(/^\d{4}-(0[1-9]|1[0-2])$/), satisfaction: rows[i]!.outcome });
    });
  });

  it('is deterministic for a seed', () => {
    expect(toIngestionRecords(rows, { positionCode: 'CS-GENERAL', seed: 5 })).toEqual({ history, performance });
  });
});

describe('parseWeights', () => {
  it('reads dimension=weight pairs and refuses unknown dimensions', () => {
    expect(parseWeights('communication=0.6,teamwork=0.4')).toEqual({ communication: 0.6, teamwork: 0.4 });
    expect(() => parseWeights('charisma=1')).toThrow(RangeError);
  });
});

describe('CLI', () => {
  it('writes the history and performance JSONL files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'calibration-'));
    try {
      const script = fileURLToPath(new URL('./generateHistory.ts', import.meta.url));
      const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
      const out = join(dir, 'history.jsonl');
      const perf = join(dir, 'performance.jsonl');
      execFileSync(tsx, [script, '--n', '30', '--seed', '7', '--position', 'CS-GENERAL', '--out', out, '--performance', perf]);
      const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(lines).toHaveLength(30);
      expect(lines[0].interview.positionCode).toBe('CS-GENERAL');
      expect(readFileSync(perf, 'utf8').trim().split('\n')).toHaveLength(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
