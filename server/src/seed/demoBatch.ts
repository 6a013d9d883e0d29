import type { InterviewResult } from '@aireview/shared';
import { buildDemoInterviews, DEMO_INTERVIEW_DEFAULTS } from './demoInterviews.js';
import { createRng } from './random.js';

const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** How the demo's weak invitation batch is made: size, how many score low on 服务意识, and how low. */
export const DEMO_BATCH = { size: 40, weak: 32, weakScores: [52, 68], strongScores: [74, 92] } as const;

/**
 * The demo's peak-season invitation batch: 40 CS-GENERAL interviews the vendor sent yesterday under
 * one batchId (e.g. "1203-A"), 32 of them below 70 on 服务意识 — so 数据看板 computes a
 * batch_below_threshold alert from data, like any other batch. Deterministic for a given `now`.
 */
export function buildDemoBatch({ now = new Date() }: { now?: Date } = {}): InterviewResult[] {
  const rng = createRng(DEMO_INTERVIEW_DEFAULTS.seed + 1);
  const day = new Date(now.getTime() - DAY_MS + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
  const batchId = `${day.slice(5, 7)}${day.slice(8, 10)}-A`;
  // The demo generator's candidates and answers, all for CS-GENERAL, re-identified so they meet none of the others.
  const pool = buildDemoInterviews({ count: DEMO_BATCH.size * 3, seed: DEMO_INTERVIEW_DEFAULTS.seed + 1, now }).filter((i) => i.positionCode === 'CS-GENERAL');
  if (pool.length < DEMO_BATCH.size) throw new Error('the demo generator gave too few CS-GENERAL interviews for the batch');
  const dayStart = Date.parse(`${day}T10:00:00Z`) - BEIJING_OFFSET_MS;
  return pool.slice(0, DEMO_BATCH.size).map((interview, index) => {
    const [low, high] = index < DEMO_BATCH.weak ? DEMO_BATCH.weakScores : DEMO_BATCH.strongScores;
    const startedAt = dayStart + index * 12 * 60_000;
    const completedAt = startedAt + (Date.parse(interview.completedAt) - Date.parse(interview.startedAt));
    const number = String(index + 1).padStart(3, '0');
    return {
      ...interview,
      interviewId: `aiv-batch-${batchId}-${number}`,
      batchId,
      candidate: { ...interview.candidate, externalId: `B-${batchId}-${number}`, phone: `1770000${String(index + 1).padStart(4, '0')}`, source: 'BOSS直聘' },
      startedAt: beijingIso(startedAt),
      completedAt: beijingIso(completedAt),
      dimensionScores: { serviceAwareness: rng.int(low, high) },
    };
  });
}

function beijingIso(ms: number): string {
  return `${new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}
