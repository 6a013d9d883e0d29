import { randomUUID } from 'node:crypto';
import { evaluate, missingDimensions } from '@aireview/shared';
import { In } from 'typeorm';
import { Application, EvaluationModelVersion, InterviewRound, Position, ScenarioResult, ScoreRecord } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import { notFound } from '../platform/http/errors.js';
import { writeAudit } from '../platform/audit.js';
import type { Deps } from '../platform/deps.js';

export interface RescoreOutcome {
  modelVersion: number;
  roundsRescored: number;
  roundsSkipped: number;
  recommendationChanges: number;
}

const BATCH = 200;

/**
 * Recompute every round of a position with its current evaluation model. Old scores stay in
 * `score_records`; rounds already on the current version, or lacking a newly weighted dimension, are skipped.
 */
export async function rescoreApplications(deps: Pick<Deps, 'ds' | 'clock'>, input: { positionId: string; actorId?: string | null }): Promise<RescoreOutcome> {
  const position = await deps.ds.getRepository(Position).findOneBy({ id: input.positionId });
  if (!position) throw notFound('not_found', '岗位不存在');
  const modelRow = await deps.ds.getRepository(EvaluationModelVersion).findOneByOrFail({ positionId: position.id, version: position.currentModelVersion });
  const outcome: RescoreOutcome = { modelVersion: modelRow.version, roundsRescored: 0, roundsSkipped: 0, recommendationChanges: 0 };

  const applications = await deps.ds.getRepository(Application).find({ where: { positionId: position.id }, select: { id: true, currentRound: true } });
  for (let i = 0; i < applications.length; i += BATCH) {
    const batch = applications.slice(i, i + BATCH);
    const currentRoundOf = new Map(batch.map((a) => [a.id, a.currentRound]));
    await inTransaction(deps.ds, async (em) => {
      const now = deps.clock.now();
      const rounds = await em.find(InterviewRound, { where: { applicationId: In(batch.map((a) => a.id)) } });
      const scenarios = rounds.length ? await em.find(ScenarioResult, { where: { roundId: In(rounds.map((r) => r.id)) }, select: { roundId: true, responseLatencyMs: true, scores: true } }) : [];
      const scenariosByRound = new Map<string, typeof scenarios>();
      for (const s of scenarios) scenariosByRound.set(s.roundId, [...(scenariosByRound.get(s.roundId) ?? []), s]);
      for (const round of rounds) {
        if (round.modelVersion === modelRow.version || missingDimensions(modelRow.model, round.dimensionScores).length > 0) {
          outcome.roundsSkipped += 1;
          continue;
        }
        const own = (scenariosByRound.get(round.id) ?? []).map((s) => ({ responseLatencySec: s.responseLatencyMs / 1000, scores: s.scores }));
        const evaluation = evaluate(modelRow.model, own, round.dimensionScores);
        const scores = { overallScore: evaluation.overallScore, recommendation: evaluation.recommendation, modelVersion: modelRow.version };
        await em.update(InterviewRound, { id: round.id }, { ...scores, floorsMissed: evaluation.floorsMissed, latencyPenalty: evaluation.latencyPenalty });
        await em.insert(ScoreRecord, { id: randomUUID(), roundId: round.id, ...scores, floorsMissed: evaluation.floorsMissed, reason: 'rescore', createdAt: now });
        if (currentRoundOf.get(round.applicationId) === round.round) {
          await em.update(Application, { id: round.applicationId }, { ...scores, updatedAt: now });
        }
        if (evaluation.recommendation !== round.recommendation) outcome.recommendationChanges += 1;
        outcome.roundsRescored += 1;
      }
    });
  }
  await inTransaction(deps.ds, (em) =>
    writeAudit(em, {
      actorType: input.actorId ? 'user' : 'system',
      actorId: input.actorId ?? null,
      action: 'position.rescored',
      subjectType: 'position',
      subjectId: position.id,
      details: { ...outcome },
    }, deps.clock.now()),
  );
  return outcome;
}
