import { z } from 'zod';
import { DIMENSIONS, DIMENSION_LABELS, type Dimension } from './labels.js';

export { DIMENSIONS, DIMENSION_LABELS, type Dimension };

export const DimensionSchema = z.enum(DIMENSIONS);

/** A score on the vendor's 0..100 scale. */
export const ScoreSchema = z.number().min(0).max(100);

/** A partial map dimension → score; unknown keys are refused. */
export const DimensionScoresSchema = z.partialRecord(DimensionSchema, ScoreSchema);
export type DimensionScores = Partial<Record<Dimension, number>>;
