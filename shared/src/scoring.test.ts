import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DIMENSIONS, type Dimension, type DimensionScores } from './dimensions.js';
import type { Recommendation } from './ingestion.js';
import {
  BORDERLINE_MARGIN,
  LATENCY_THRESHOLD_SEC,
  EvaluationModelSchema,
  computeOverall,
  evaluate,
  floorsMissed,
  latencyPenaltyPoints,
  missingDimensions,
  recommend,
  resolveDimensionScores,
  summarizeLatency,
  type EvaluationModelInput,
  type ScoredScenario,
} from './scoring.js';

const scenario = (scores: DimensionScores, responseLatencySec = 10): ScoredScenario => ({ responseLatencySec, scores });
const latencies = (...secs: number[]) => secs.map((responseLatencySec) => ({ responseLatencySec }));
const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.error?.issues.map((i) => i.path) ?? [];

describe('resolveDimensionScores', () => {
  it('uses the explicit score over the scenario mean', () => {
    const scores = resolveDimensionScores([scenario({ communication: 50 }), scenario({ communication: 70 })], { communication: 90 });
    expect(scores.communication).toBe(90);
  });

  it('averages a dimension across the scenarios that scored it, ignoring those that did not', () => {
    const scores = resolveDimensionScores([scenario({ communication: 60 }), scenario({ adaptability: 40 }), scenario({ communication: 90 })]);
    expect(scores).toEqual({ communication: 75, adaptability: 40 });
  });

  it('rounds the mean to one decimal', () => {
    const scores = resolveDimensionScores([scenario({ teamwork: 80 }), scenario({ teamwork: 81 }), scenario({ teamwork: 81 })]);
    expect(scores.teamwork).toBe(80.7);
  });

  it('rounds an explicit score to one decimal', () => {
    expect(resolveDimensionScores([], { problemSolving: 77.26 }).problemSolving).toBe(77.3);
  });

  it('keeps an explicit score for a dimension no scenario scored', () => {
    expect(resolveDimensionScores([scenario({ communication: 60 })], { productKnowledge: 55 })).toEqual({ communication: 60, productKnowledge: 55 });
  });

  it('leaves out dimensions nobody scored', () => {
    const scores = resolveDimensionScores([scenario({ communication: 60 })], { adaptability: 70 });
    expect(Object.keys(scores).sort()).toEqual(['adaptability', 'communication']);
    expect('teamwork' in scores).toBe(false);
  });

  it('returns an empty map for no scenarios and no explicit scores', () => {
    expect(resolveDimensionScores([])).toEqual({});
  });
});

describe('computeOverall', () => {
  it('sums weight × score over the weighted dimensions', () => {
    const model = { weights: { communication: 0.4, serviceAwareness: 0.35, problemSolving: 0.25 } };
    // 0.4·80 + 0.35·90 + 0.25·60 = 32 + 31.5 + 15 = 78.5
    expect(computeOverall(model, { communication: 80, serviceAwareness: 90, problemSolving: 60 })).toBe(78.5);
  });

  it('rounds to one decimal', () => {
    const model = { weights: { communication: 0.3, adaptability: 0.3, teamwork: 0.4 } };
    // 0.3·77 + 0.3·68 + 0.4·91 = 23.1 + 20.4 + 36.4 = 79.9
    expect(computeOverall(model, { communication: 77, adaptability: 68, teamwork: 91 })).toBe(79.9);
    // 1/3 weights: (70 + 71 + 71) / 3 = 70.666… → 70.7
    const thirds = { weights: { communication: 1 / 3, adaptability: 1 / 3, teamwork: 1 / 3 } };
    expect(computeOverall(thirds, { communication: 70, adaptability: 71, teamwork: 71 })).toBe(70.7);
  });

  it('ignores scores of dimensions the model does not weigh', () => {
    const model = { weights: { communication: 0.5, adaptability: 0.5 } };
    expect(computeOverall(model, { communication: 60, adaptability: 80, teamwork: 0, productKnowledge: 100 })).toBe(70);
  });

  it('caps at 100 when weights within tolerance sum slightly above 1', () => {
    const model = { weights: { communication: 0.5, adaptability: 0.5009 } };
    expect(computeOverall(model, { communication: 100, adaptability: 100 })).toBe(100);
  });

  it('throws naming the weighted dimension that has no score', () => {
    const model = { weights: { communication: 0.5, teamwork: 0.5 } };
    expect(() => computeOverall(model, { communication: 80 })).toThrow(/teamwork/);
  });
});

describe('missingDimensions', () => {
  it('lists weighted dimensions without a score, in display order', () => {
    const model = { weights: { teamwork: 0.2, communication: 0.3, adaptability: 0.5 } };
    expect(missingDimensions(model, { adaptability: 70 })).toEqual(['communication', 'teamwork']);
  });

  it('is empty when every weighted dimension is scored', () => {
    expect(missingDimensions({ weights: { communication: 1 } }, { communication: 0 })).toEqual([]);
  });
});

describe('recommend', () => {
  const pass = 70;

  it('recommends exactly at the pass score with every floor met', () => {
    expect(recommend(pass, 70, 0)).toBe('recommended');
  });

  it('recommends above the pass score with every floor met', () => {
    expect(recommend(pass, 95, 0)).toBe('recommended');
  });

  it('is borderline just below the pass score', () => {
    expect(recommend(pass, 69.9, 0)).toBe('borderline');
  });

  it('is borderline exactly BORDERLINE_MARGIN below the pass score', () => {
    expect(BORDERLINE_MARGIN).toBe(5);
    expect(recommend(pass, 65, 0)).toBe('borderline');
  });

  it('is not recommended 5.1 below the pass score', () => {
    expect(recommend(pass, 64.9, 0)).toBe('not_recommended');
  });

  it('is borderline exactly 5 below a one-decimal pass score despite float error (68.4 − 5)', () => {
    expect(recommend(68.4, 63.4, 0)).toBe('borderline');
    expect(recommend(68.4, 63.3, 0)).toBe('not_recommended');
  });

  it('is borderline exactly 5 below every one-decimal pass score', () => {
    for (let tenths = 50; tenths <= 1000; tenths++) {
      expect(recommend(tenths / 10, (tenths - 50) / 10, 0), `pass ${tenths / 10}`).toBe('borderline');
      if (tenths > 50) expect(recommend(tenths / 10, (tenths - 51) / 10, 0), `pass ${tenths / 10}`).toBe('not_recommended');
    }
  });

  it('is borderline at the pass score with one floor missed', () => {
    expect(recommend(pass, 70, 1)).toBe('borderline');
    expect(recommend(pass, 100, 1)).toBe('borderline');
  });

  it('is not recommended below the pass score with one floor missed, even within the margin', () => {
    expect(recommend(pass, 69.9, 1)).toBe('not_recommended');
    expect(recommend(pass, 65, 1)).toBe('not_recommended');
  });

  it('is not recommended with two floors missed, whatever the overall', () => {
    expect(recommend(pass, 70, 2)).toBe('not_recommended');
    expect(recommend(pass, 100, 2)).toBe('not_recommended');
    expect(recommend(pass, 100, 3)).toBe('not_recommended');
  });
});

describe('floorsMissed', () => {
  it('lists dimensions scored strictly below their floor, in display order', () => {
    const model = { floors: { teamwork: 60, communication: 70, adaptability: 50 } };
    expect(floorsMissed(model, { communication: 69.9, adaptability: 80, teamwork: 10 })).toEqual(['communication', 'teamwork']);
  });

  it('does not count a score exactly at the floor', () => {
    expect(floorsMissed({ floors: { communication: 70 } }, { communication: 70 })).toEqual([]);
  });

  it('does not count a floor on a dimension that has no score', () => {
    expect(floorsMissed({ floors: { productKnowledge: 60 } }, { communication: 10 })).toEqual([]);
  });

  it('is empty without floors', () => {
    expect(floorsMissed({ floors: {} }, { communication: 0 })).toEqual([]);
  });
});

describe('summarizeLatency', () => {
  it('counts the share answered within 30 s, the mean and the max', () => {
    expect(summarizeLatency(latencies(10, 20, 45, 50))).toEqual({
      scenarioCount: 4,
      withinThresholdCount: 2,
      withinThresholdShare: 0.5,
      meanSec: 31.3,
      maxSec: 50,
      thresholdSec: LATENCY_THRESHOLD_SEC,
    });
    expect(LATENCY_THRESHOLD_SEC).toBe(30);
  });

  it('counts a latency exactly at the threshold as within it', () => {
    const summary = summarizeLatency(latencies(30, 30.01));
    expect(summary.withinThresholdCount).toBe(1);
    expect(summary.withinThresholdShare).toBe(0.5);
  });

  it('rounds the share to three decimals', () => {
    expect(summarizeLatency(latencies(5, 6, 31)).withinThresholdShare).toBe(0.667);
  });

  it('honours a custom threshold', () => {
    const summary = summarizeLatency(latencies(5, 10, 15), 10);
    expect(summary.withinThresholdCount).toBe(2);
    expect(summary.thresholdSec).toBe(10);
  });

  it('returns zeros for an empty list', () => {
    expect(summarizeLatency([])).toEqual({
      scenarioCount: 0,
      withinThresholdCount: 0,
      withinThresholdShare: 0,
      meanSec: 0,
      maxSec: 0,
      thresholdSec: 30,
    });
  });
});

describe('latencyPenaltyPoints', () => {
  const rule = { thresholdSec: 30, pointsPerSlowScenario: 3, maxPoints: 5 };

  it('is off when the model has no latency rule', () => {
    expect(latencyPenaltyPoints({}, latencies(600, 900))).toBe(0);
  });

  it('charges points per scenario slower than the threshold', () => {
    expect(latencyPenaltyPoints({ latencyPenalty: rule }, latencies(10, 31))).toBe(3);
  });

  it('does not charge a scenario exactly at the threshold', () => {
    expect(latencyPenaltyPoints({ latencyPenalty: rule }, latencies(30, 30))).toBe(0);
  });

  it('is capped by maxPoints', () => {
    expect(latencyPenaltyPoints({ latencyPenalty: rule }, latencies(31, 40))).toBe(5);
    expect(latencyPenaltyPoints({ latencyPenalty: rule }, latencies(31, 40, 50, 60))).toBe(5);
  });
});

describe('evaluate', () => {
  const model = EvaluationModelSchema.parse({
    weights: { communication: 0.4, serviceAwareness: 0.4, problemSolving: 0.2 },
    passScore: 70,
    floors: { serviceAwareness: 60 },
  } satisfies EvaluationModelInput);

  const scenarios: ScoredScenario[] = [
    { scenarioId: 'refund', responseLatencySec: 12, scores: { communication: 80, serviceAwareness: 70, problemSolving: 60 } },
    { scenarioId: 'complaint', responseLatencySec: 45, scores: { communication: 90, serviceAwareness: 80, teamwork: 50 } },
  ];

  it('resolves scores, weighs them, checks floors and summarises latency', () => {
    // communication 85, serviceAwareness 75, problemSolving 60 → 34 + 30 + 12 = 76
    expect(evaluate(model, scenarios)).toEqual({
      dimensionScores: { communication: 85, serviceAwareness: 75, problemSolving: 60, teamwork: 50 },
      overallScore: 76,
      recommendation: 'recommended',
      floorsMissed: [],
      latencyPenalty: 0,
      latency: { scenarioCount: 2, withinThresholdCount: 1, withinThresholdShare: 0.5, meanSec: 28.5, maxSec: 45, thresholdSec: 30 },
    });
  });

  it('lets explicit vendor scores override the scenario means', () => {
    // serviceAwareness 50 (explicit, below floor 60) → 34 + 20 + 12 = 66
    const result = evaluate(model, scenarios, { serviceAwareness: 50 });
    expect(result.dimensionScores.serviceAwareness).toBe(50);
    expect(result.overallScore).toBe(66);
    expect(result.floorsMissed).toEqual(['serviceAwareness']);
    expect(result.recommendation).toBe('not_recommended');
  });

  it('is borderline at/above pass with one floor missed', () => {
    // communication 100, serviceAwareness 59, problemSolving 100 → 40 + 23.6 + 20 = 83.6
    const result = evaluate(model, scenarios, { communication: 100, serviceAwareness: 59, problemSolving: 100 });
    expect(result.overallScore).toBe(83.6);
    expect(result.floorsMissed).toEqual(['serviceAwareness']);
    expect(result.recommendation).toBe('borderline');
  });

  it('subtracts the latency penalty before recommending', () => {
    const strict = { ...model, latencyPenalty: { thresholdSec: 30, pointsPerSlowScenario: 8, maxPoints: 10 } };
    const result = evaluate(strict, scenarios);
    expect(result.latencyPenalty).toBe(8);
    expect(result.overallScore).toBe(68);
    expect(result.recommendation).toBe('borderline');
  });

  it('never lets the penalty push the overall below 0', () => {
    const strict = { ...model, latencyPenalty: { thresholdSec: 1, pointsPerSlowScenario: 20, maxPoints: 50 } };
    const result = evaluate(strict, scenarios, { communication: 5, serviceAwareness: 5, problemSolving: 5 });
    expect(result.latencyPenalty).toBe(40);
    expect(result.overallScore).toBe(0);
  });

  it('throws when a weighted dimension has no score at all', () => {
    expect(() => evaluate(model, [scenario({ communication: 80, serviceAwareness: 80 })])).toThrow(/problemSolving/);
  });
});

describe('EvaluationModelSchema', () => {
  const base = { passScore: 70 };

  it('accepts weights summing to exactly 1', () => {
    expect(EvaluationModelSchema.safeParse({ ...base, weights: { communication: 0.6, teamwork: 0.4 } }).success).toBe(true);
  });

  it('accepts weights off by less than 0.001', () => {
    expect(EvaluationModelSchema.safeParse({ ...base, weights: { communication: 0.5, teamwork: 0.5009 } }).success).toBe(true);
    expect(EvaluationModelSchema.safeParse({ ...base, weights: { communication: 0.5, teamwork: 0.4991 } }).success).toBe(true);
  });

  it('refuses weights off by more than 0.001, on the weights path', () => {
    const over = EvaluationModelSchema.safeParse({ ...base, weights: { communication: 0.5, teamwork: 0.5011 } });
    const under = EvaluationModelSchema.safeParse({ ...base, weights: { communication: 0.5, teamwork: 0.4989 } });
    expect(issuePaths(over)).toEqual([['weights']]);
    expect(issuePaths(under)).toEqual([['weights']]);
  });

  it('refuses a model with no weighted dimension', () => {
    const result = EvaluationModelSchema.safeParse({ ...base, weights: {} });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['weights'], message: 'at least one dimension must be weighted' })]);
  });

  it('refuses a zero weight', () => {
    const result = EvaluationModelSchema.safeParse({ ...base, weights: { communication: 1, teamwork: 0 } });
    expect(issuePaths(result)).toContainEqual(['weights', 'teamwork']);
  });

  it('refuses an unknown dimension key in weights', () => {
    const result = EvaluationModelSchema.safeParse({ ...base, weights: { communication: 0.5, empathy: 0.5 } });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', path: ['weights'], keys: ['empathy'] }));
  });

  it('refuses an unknown dimension key in floors', () => {
    const result = EvaluationModelSchema.safeParse({ ...base, weights: { communication: 1 }, floors: { empathy: 60 } });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ code: 'unrecognized_keys', path: ['floors'] }));
  });

  it('refuses a pass score above 100', () => {
    expect(issuePaths(EvaluationModelSchema.safeParse({ passScore: 100.5, weights: { communication: 1 } }))).toEqual([['passScore']]);
  });

  it('defaults floors to none and required scenarios to an empty list', () => {
    const model = EvaluationModelSchema.parse({ ...base, weights: { communication: 1 } });
    expect(model.floors).toEqual({});
    expect(model.requiredScenarios).toEqual([]);
    expect(model.latencyPenalty).toBeUndefined();
  });

  it('keeps given floors and required scenarios', () => {
    const model = EvaluationModelSchema.parse({ ...base, weights: { communication: 1 }, floors: { communication: 60 }, requiredScenarios: ['refund'] });
    expect(model.floors).toEqual({ communication: 60 });
    expect(model.requiredScenarios).toEqual(['refund']);
  });
});

// ---- properties ----------------------------------------------------------------------------

const ROUNDING = 0.05 + 1e-9;
const RANK: Record<Recommendation, number> = { not_recommended: 0, borderline: 1, recommended: 2 };

const scoreArb = fc.double({ min: 0, max: 100, noNaN: true });

/** A valid model: a non-empty set of dimensions with positive weights normalised to sum to 1. */
const weightsArb = fc
  .uniqueArray(fc.constantFrom(...DIMENSIONS), { minLength: 1, maxLength: DIMENSIONS.length })
  .chain((dims) => fc.tuple(fc.constant(dims), fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: dims.length, maxLength: dims.length })))
  .map(([dims, raw]) => {
    const total = raw.reduce((a, b) => a + b, 0);
    const weights: DimensionScores = {};
    dims.forEach((d, i) => (weights[d] = raw[i]! / total));
    return EvaluationModelSchema.parse({ weights, passScore: 60 });
  });

const scoresArb = fc.record(Object.fromEntries(DIMENSIONS.map((d) => [d, scoreArb])) as Record<Dimension, fc.Arbitrary<number>>);

describe('scoring properties', () => {
  it('keeps the overall within [min, max] of the weighted dimension scores', () => {
    fc.assert(
      fc.property(weightsArb, scoresArb, (model, scores) => {
        const weighted = Object.keys(model.weights).map((d) => scores[d as Dimension]);
        const overall = computeOverall(model, scores);
        expect(overall).toBeGreaterThanOrEqual(Math.min(...weighted) - ROUNDING);
        expect(overall).toBeLessThanOrEqual(Math.max(...weighted) + ROUNDING);
      }),
    );
  });

  it('never lowers the overall when one weighted dimension score rises', () => {
    fc.assert(
      fc.property(weightsArb, scoresArb, fc.nat(), scoreArb, scoreArb, (model, scores, pick, a, b) => {
        const dims = Object.keys(model.weights) as Dimension[];
        const dimension = dims[pick % dims.length]!;
        const before = computeOverall(model, { ...scores, [dimension]: Math.min(a, b) });
        const after = computeOverall(model, { ...scores, [dimension]: Math.max(a, b) });
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });

  it('gives an overall equal to the common score when every dimension scores the same', () => {
    fc.assert(
      fc.property(weightsArb, scoreArb, (model, score) => {
        const scores = Object.fromEntries(DIMENSIONS.map((d) => [d, score])) as DimensionScores;
        expect(Math.abs(computeOverall(model, scores) - score)).toBeLessThanOrEqual(ROUNDING);
      }),
    );
  });

  it('never worsens the recommendation when the overall rises, for fixed floor misses', () => {
    const oneDecimal = fc.integer({ min: 0, max: 1000 }).map((t) => t / 10);
    fc.assert(
      fc.property(fc.oneof(scoreArb, oneDecimal), fc.oneof(scoreArb, oneDecimal), fc.oneof(scoreArb, oneDecimal), fc.nat({ max: 3 }), (pass, a, b, missed) => {
        const lower = recommend(pass, Math.min(a, b), missed);
        const higher = recommend(pass, Math.max(a, b), missed);
        expect(RANK[higher]).toBeGreaterThanOrEqual(RANK[lower]);
      }),
    );
  });
});
