import { z } from 'zod';

/** The scoring dimensions an AI interview vendor reports, in display order. */
export const DIMENSIONS = [
  'communication',
  'adaptability',
  'serviceAwareness',
  'productKnowledge',
  'teamwork',
  'problemSolving',
] as const;

export const DimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof DimensionSchema>;

export const DIMENSION_LABELS: Record<Dimension, string> = {
  communication: '沟通表达',
  adaptability: '应变能力',
  serviceAwareness: '服务意识',
  productKnowledge: '产品知识',
  teamwork: '团队协作',
  problemSolving: '问题解决',
};

/** A score on the vendor's 0..100 scale. */
export const ScoreSchema = z.number().min(0).max(100);

/** A partial map dimension → score; unknown keys are refused. */
export const DimensionScoresSchema = z.partialRecord(DimensionSchema, ScoreSchema);
export type DimensionScores = Partial<Record<Dimension, number>>;
