import type { ApplicationFile, SessionUser } from '@aireview/shared';
import { In } from 'typeorm';
import { writeAudit } from '../platform/audit.js';
import { Candidate, EvaluationModelVersion, InterviewRound, Report, Review, ScenarioResult, StageChange, SupplementaryRequest, TrainingAssignment } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { chronological, personIdsOf, presentApplicationFile } from './presenters.js';
import { findVisibleApplication, userNames } from './queries.js';

/**
 * The candidate file as the viewer may see it, and an `application.viewed` audit entry.
 * 404 for unknown ids and for files outside the viewer's scope alike.
 */
export async function viewApplicationFile(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser, applicationId: string, requestId?: string): Promise<ApplicationFile> {
  const { ds } = deps;
  const { application, position } = await findVisibleApplication(ds, viewer, applicationId);
  const [candidate, model, rounds, stageHistory, reviews, assignments] = await Promise.all([
    ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId }),
    ds.getRepository(EvaluationModelVersion).findOneByOrFail({ positionId: position.id, version: application.modelVersion }),
    ds.getRepository(InterviewRound).find({ where: { applicationId: application.id }, order: { round: 'ASC' } }),
    ds.getRepository(StageChange).find({ where: { applicationId: application.id } }).then(chronological),
    ds.getRepository(Review).find({ where: { applicationId: application.id }, order: { round: 'DESC', createdAt: 'DESC' } }),
    ds.getRepository(TrainingAssignment).find({ where: { applicationId: application.id }, order: { createdAt: 'ASC', mandatory: 'DESC', ruleId: 'ASC' } }),
  ]);
  const roundIds = rounds.map((r) => r.id);
  const reviewIds = reviews.map((r) => r.id);
  const [scenarios, reports, requests, names] = await Promise.all([
    roundIds.length ? ds.getRepository(ScenarioResult).findBy({ roundId: In(roundIds) }) : [],
    roundIds.length ? ds.getRepository(Report).findBy({ roundId: In(roundIds) }) : [],
    reviewIds.length ? ds.getRepository(SupplementaryRequest).findBy({ reviewId: In(reviewIds) }) : [],
    userNames(ds, personIdsOf(stageHistory, reviews)),
  ]);

  await inTransaction(ds, (em) =>
    writeAudit(em, { actorType: 'user', actorId: viewer.userId, action: 'application.viewed', subjectType: 'application', subjectId: application.id, requestId: requestId ?? null }, deps.clock.now()),
  );
  return presentApplicationFile(viewer, { application, candidate, position, model, rounds, scenarios, reports, stageHistory, reviews, requests, assignments, names });
}
