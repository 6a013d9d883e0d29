import type { EvaluationModel } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import { checkDraft, draftChanged, fromDraft, toDraft, weightTotal } from './modelDraft';

const model: EvaluationModel = {
  weights: { communication: 0.35, serviceAwareness: 0.35, adaptability: 0.3 },
  passScore: 70,
  floors: { serviceAwareness: 60 },
  requiredScenarios: ['lost_parcel'],
  latencyPenalty: { thresholdSec: 30, pointsPerSlowScenario: 2, maxPoints: 6 },
};

describe('model drafts', () => {
  it('shows weights as whole percents and unweighted dimensions as 0', () => {
    const draft = toDraft(model);
    expect(draft.weights).toMatchObject({ communication: 35, serviceAwareness: 35, adaptability: 30, teamwork: 0 });
    expect(draft.floors).toMatchObject({ serviceAwareness: 60, communication: 0 });
    expect(weightTotal(draft)).toBe(100);
  });

  it('round-trips to the same model, keeping required scenarios and the latency rule', () => {
    expect(fromDraft(toDraft(model), model)).toEqual(model);
  });

  it('refuses weights that do not add up to 100%', () => {
    const draft = toDraft(model);
    draft.weights.teamwork = 10;
    expect(checkDraft(draft, model)).toEqual({ ok: false, message: '权重合计须为 100%，当前为 110%' });
  });

  it('accepts a rebalanced persona and drops zeroed dimensions and floors', () => {
    const draft = toDraft(model);
    draft.weights.adaptability = 0;
    draft.weights.teamwork = 30;
    draft.floors.serviceAwareness = 0;
    draft.passScore = 65;
    const check = checkDraft(draft, model);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.model.weights).toEqual({ communication: 0.35, serviceAwareness: 0.35, teamwork: 0.3 });
    expect(check.model.floors).toEqual({});
    expect(check.model.passScore).toBe(65);
  });

  it('knows when nothing changed', () => {
    const draft = toDraft(model);
    expect(draftChanged(draft, model)).toBe(false);
    draft.floors.teamwork = 50;
    expect(draftChanged(draft, model)).toBe(true);
  });
});
