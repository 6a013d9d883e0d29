import type { DimensionScores, TrainingRule } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { DEMO_TRAINING_RULES } from '../src/seed/demoPositions.js';
import { saveTrainingRules } from '../src/training/index.js';
import { ingestFile, insertPendingReview, type IngestedFile } from './fixtures.js';
import { buildTestDeps } from './testApp.js';

/** Scores that fire the demo rules: 服务意识 under 70, 产品知识 under 70, 应变能力 and 团队协作 at 85 and more. */
export const UNEVEN_SCORES: DimensionScores = { serviceAwareness: 65, productKnowledge: 62, adaptability: 88, teamwork: 90, communication: 80, problemSolving: 78 };

/** The demo training rules on a position (createDemoPositions first). */
export async function publishDemoRules(ds: DataSource, code = 'CS-GENERAL', rules: readonly TrainingRule[] = DEMO_TRAINING_RULES): Promise<number> {
  const current = (await ds.query(`SELECT trainingRulesVersion AS v FROM positions WHERE code = ?`, [code])) as { v: number | string }[];
  return saveTrainingRules(buildTestDeps(ds), { code, input: { rules: [...rules], expectedVersion: Number(current[0]?.v ?? 0) }, actorId: 'hr01' });
}

/** A candidate in 待审核 with a running approval by sup_general, scored `scores`. */
export async function fileInReview(ds: DataSource, scores: DimensionScores = UNEVEN_SCORES): Promise<IngestedFile & { reviewId: string }> {
  const file = await ingestFile(ds, { dimensionScores: scores });
  const reviewId = await insertPendingReview(ds, file, ['sup_general']);
  return { ...file, reviewId };
}
export { DEMO_TRAINING_RULES };
