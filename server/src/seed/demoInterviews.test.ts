import { describe, expect, it } from 'vitest';
import {
  EvaluationModelSchema,
  InterviewResultSchema,
  evaluate,
  missingDimensions,
  resolveDimensionScores,
  type InterviewResult,
  type Recommendation,
} from '@aireview/shared';
import { buildDemoInterviews } from './demoInterviews.js';
import { DEMO_POSITIONS } from './demoPositions.js';
import { DEMO_SCENARIOS, type AnswerQuality } from './demoScenarios.js';

const NOW = new Date('2026-03-15T12:00:00+08:00');
const DAY_MS = 86_400_000;
const interviews = buildDemoInterviews({ now: NOW });
const models = new Map(DEMO_POSITIONS.map((p) => [p.code, EvaluationModelSchema.parse(p.model)]));

function modelOf(interview: InterviewResult) {
  const model = models.get(interview.positionCode);
  if (!model) throw new Error(`unknown position ${interview.positionCode}`);
  return model;
}

describe('buildDemoInterviews', () => {
  it('returns at least 44 payloads by default, each accepted by the ingestion schema', () => {
    expect(interviews.length).toBeGreaterThanOrEqual(44);
    for (const interview of interviews) expect(InterviewResultSchema.parse(interview)).toEqual(interview);
  });

  it('honours the count option', () => {
    expect(buildDemoInterviews({ count: 5, now: NOW })).toHaveLength(5);
    expect(buildDemoInterviews({ count: 0, now: NOW })).toEqual([]);
  });

  it('gives every interview and candidate unique ids and phones', () => {
    const unique = (values: unknown[]) => new Set(values).size;
    expect(unique(interviews.map((i) => i.interviewId))).toBe(interviews.length);
    expect(unique(interviews.map((i) => i.candidate.externalId))).toBe(interviews.length);
    expect(unique(interviews.map((i) => i.candidate.phone))).toBe(interviews.length);
    for (const { candidate } of interviews) {
      expect(candidate.externalId).toMatch(/^V-2026-\d{6}$/);
      expect(candidate.phone).toMatch(/^1[358]\d{9}$/);
      expect(candidate.name).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
    }
    expect(interviews.some((i) => i.candidate.email)).toBe(true);
    expect(interviews.some((i) => !i.candidate.email)).toBe(true);
    expect(new Set(interviews.map((i) => i.candidate.source))).toEqual(new Set(['BOSS直聘', '前程无忧', '智联招聘', '校园招聘', '内部推荐']));
  });

  it('spreads candidates over both positions', () => {
    const codes = interviews.map((i) => i.positionCode);
    for (const position of DEMO_POSITIONS) expect(codes.filter((c) => c === position.code).length).toBeGreaterThanOrEqual(10);
  });

  it('spreads interviews over the last ten days in Beijing time, in start order', () => {
    const days = new Set<string>();
    for (const interview of interviews) {
      expect(interview.startedAt).toMatch(/\+08:00$/);
      const started = Date.parse(interview.startedAt);
      const completed = Date.parse(interview.completedAt);
      expect(started).toBeGreaterThanOrEqual(NOW.getTime() - 10 * DAY_MS);
      expect(completed).toBeGreaterThan(started);
      expect(completed).toBeLessThanOrEqual(NOW.getTime());
      const hour = Number(interview.startedAt.slice(11, 13));
      expect(hour).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(21);
      days.add(interview.startedAt.slice(0, 10));
    }
    expect(days.size).toBeGreaterThanOrEqual(7);
    const starts = interviews.map((i) => Date.parse(i.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('is deterministic for a seed and differs for another seed', () => {
    expect(buildDemoInterviews({ now: NOW })).toEqual(interviews);
    const other = buildDemoInterviews({ seed: 7, now: NOW });
    expect(other.map((i) => i.candidate.name)).not.toEqual(interviews.map((i) => i.candidate.name));
    expect(other.map((i) => i.interviewId)).not.toEqual(interviews.map((i) => i.interviewId));
  });

  it('asks 3–5 scenarios, includes required ones and scores every dimension the position weighs', () => {
    for (const interview of interviews) {
      const model = modelOf(interview);
      expect(interview.scenarios.length).toBeGreaterThanOrEqual(3);
      expect(interview.scenarios.length).toBeLessThanOrEqual(5);
      const ids = interview.scenarios.map((s) => s.scenarioId);
      for (const required of model.requiredScenarios) expect(ids).toContain(required);
      expect(missingDimensions(model, resolveDimensionScores(interview.scenarios))).toEqual([]);
    }
  });

  it('produces integer scores, mostly quick answers with some slow ones, and plausible durations', () => {
    const scenarios = interviews.flatMap((i) => i.scenarios);
    for (const scenario of scenarios) {
      for (const score of Object.values(scenario.scores)) {
        expect(Number.isInteger(score)).toBe(true);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
      }
      expect(scenario.durationSec).toBeGreaterThanOrEqual(30);
      expect(scenario.durationSec).toBeLessThanOrEqual(120);
      expect(scenario.responseLatencySec).toBeGreaterThanOrEqual(3);
      expect(scenario.transcript).not.toContain('{order}');
    }
    const quick = scenarios.filter((s) => s.responseLatencySec <= 25).length;
    expect(quick / scenarios.length).toBeGreaterThan(0.75);
    expect(scenarios.some((s) => s.responseLatencySec > 30)).toBe(true);
    expect(scenarios.some((s) => s.emotionVolatility !== undefined)).toBe(true);
    expect(scenarios.some((s) => s.emotionVolatility === undefined)).toBe(true);
  });

  it('scores better transcripts higher', () => {
    const variants = new Map<string, AnswerQuality>();
    for (const scenario of DEMO_SCENARIOS) {
      for (const quality of ['good', 'average', 'poor'] as const) {
        for (const answer of scenario.answers[quality]) variants.set(answer, quality);
      }
    }
    const totals: Record<AnswerQuality, number[]> = { good: [], average: [], poor: [] };
    for (const scenario of interviews.flatMap((i) => i.scenarios)) {
      const quality = variants.get(scenario.transcript.replace(/\d{16}/g, '{order}'));
      if (!quality) throw new Error(`transcript not from the library: ${scenario.transcript}`);
      const values = Object.values(scenario.scores);
      totals[quality].push(values.reduce((a, b) => a + b, 0) / values.length);
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    for (const quality of ['good', 'average', 'poor'] as const) expect(totals[quality].length).toBeGreaterThan(0);
    expect(mean(totals.good)).toBeGreaterThan(mean(totals.average) + 8);
    expect(mean(totals.average)).toBeGreaterThan(mean(totals.poor) + 8);
  });

  it('yields recommended, borderline and not-recommended candidates under the demo personas', () => {
    const counts: Record<Recommendation, number> = { recommended: 0, borderline: 0, not_recommended: 0 };
    for (const interview of interviews) counts[evaluate(modelOf(interview), interview.scenarios).recommendation] += 1;
    expect(counts.recommended).toBeGreaterThanOrEqual(5);
    expect(counts.borderline).toBeGreaterThanOrEqual(3);
    expect(counts.not_recommended).toBeGreaterThanOrEqual(5);
  });

  it('writes a Chinese report that follows the scores', () => {
    for (const interview of interviews) {
      const report = interview.report;
      expect(report?.summary).toMatch(/^候选人完成\d个模拟场景/);
      expect(report?.strengths).toBeDefined();
      expect(report?.risks).toBeDefined();
    }
    const scored = interviews.map((i) => ({ i, e: evaluate(modelOf(i), i.scenarios) }));
    const weak = scored.filter(({ e }) => e.recommendation === 'not_recommended');
    const strong = scored.filter(({ e }) => e.overallScore >= 80);
    expect(weak.every(({ i }) => (i.report?.risks?.length ?? 0) > 0)).toBe(true);
    expect(strong.every(({ i }) => (i.report?.strengths?.length ?? 0) > 0)).toBe(true);
  });
});
