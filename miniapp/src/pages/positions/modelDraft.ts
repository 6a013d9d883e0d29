import {
  DIMENSION_LABELS,
  DIMENSIONS,
  EvaluationModelSchema,
  type Dimension,
  type EvaluationModel,
  type EvaluationModelInput,
} from '@aireview/shared';

/**
 * A persona being edited, in whole percents (weights) and points (floors, pass score) because that is
 * how HR think about it. 0 means "not weighted" / "no floor".
 */
export interface ModelDraft {
  weights: Record<Dimension, number>;
  floors: Record<Dimension, number>;
  passScore: number;
}

function perDimension(read: (d: Dimension) => number): Record<Dimension, number> {
  return Object.fromEntries(DIMENSIONS.map((d) => [d, read(d)])) as Record<Dimension, number>;
}

export function toDraft(model: EvaluationModel): ModelDraft {
  return {
    weights: perDimension((d) => Math.round((model.weights[d] ?? 0) * 100)),
    floors: perDimension((d) => model.floors[d] ?? 0),
    passScore: model.passScore,
  };
}

export function weightTotal(draft: ModelDraft): number {
  return DIMENSIONS.reduce((sum, d) => sum + draft.weights[d], 0);
}

/** The model to publish: weights as shares of 1; required scenarios and the latency rule kept as they were. */
export function fromDraft(draft: ModelDraft, base: EvaluationModel): EvaluationModelInput {
  const weights: Partial<Record<Dimension, number>> = {};
  const floors: Partial<Record<Dimension, number>> = {};
  for (const d of DIMENSIONS) {
    if (draft.weights[d] > 0) weights[d] = Math.round(draft.weights[d] * 100) / 10_000;
    if (draft.floors[d] > 0) floors[d] = draft.floors[d];
  }
  return {
    weights,
    passScore: draft.passScore,
    floors,
    requiredScenarios: [...base.requiredScenarios],
    ...(base.latencyPenalty ? { latencyPenalty: { ...base.latencyPenalty } } : {}),
  };
}

export type DraftCheck = { ok: true; model: EvaluationModelInput } | { ok: false; message: string };

/** Checks a draft the way the server will (the shared schema), with messages HR can act on. */
export function checkDraft(draft: ModelDraft, base: EvaluationModel): DraftCheck {
  const total = weightTotal(draft);
  if (total === 0) return { ok: false, message: '至少需要一个计分维度' };
  if (total !== 100) return { ok: false, message: `权重合计须为 100%，当前为 ${total}%` };
  for (const d of DIMENSIONS) {
    if (draft.floors[d] < 0 || draft.floors[d] > 100) return { ok: false, message: `${DIMENSION_LABELS[d]}的底线须在 0–100 之间` };
  }
  if (draft.passScore < 0 || draft.passScore > 100) return { ok: false, message: '及格分须在 0–100 之间' };
  const model = fromDraft(draft, base);
  const parsed = EvaluationModelSchema.safeParse(model);
  // The checks above cover what the editor can produce; the schema's messages are for developers.
  if (!parsed.success) return { ok: false, message: '画像内容不符合要求，请检查权重、底线和及格分' };
  return { ok: true, model };
}

export function draftChanged(draft: ModelDraft, model: EvaluationModel): boolean {
  const original = toDraft(model);
  return (
    draft.passScore !== original.passScore ||
    DIMENSIONS.some((d) => draft.weights[d] !== original.weights[d] || draft.floors[d] !== original.floors[d])
  );
}
