import type { ApplicationSummary, SessionUser } from '@aireview/shared';
import { In, type DataSource } from 'typeorm';
import { phoneFor } from '../auth/scope.js';
import { Candidate, Position, User, type Application } from '../db/entities/index.js';

/** One row of the application list, field by field; the phone is masked unless the viewer is HR or admin. */
export function presentApplicationSummary(viewer: SessionUser, application: Application, candidate: Candidate, position: Position): ApplicationSummary {
  return {
    applicationId: application.id,
    candidateId: candidate.id,
    candidateName: candidate.name,
    phone: phoneFor(viewer, candidate.phone),
    source: candidate.source,
    positionCode: position.code,
    positionName: position.name,
    stage: application.stage,
    overallScore: application.overallScore,
    recommendation: application.recommendation,
    round: application.currentRound,
    batch: application.batch,
    lastInterviewAt: application.lastInterviewAt.toISOString(),
  };
}

/** Summaries of `applications` in their order; candidates and positions are loaded in one query each. */
export async function summariesOf(ds: DataSource, viewer: SessionUser, applications: readonly Application[]): Promise<ApplicationSummary[]> {
  if (applications.length === 0) return [];
  const [candidates, positions] = await Promise.all([
    ds.getRepository(Candidate).findBy({ id: In(unique(applications.map((a) => a.candidateId))) }),
    ds.getRepository(Position).findBy({ id: In(unique(applications.map((a) => a.positionId))) }),
  ]);
  const candidateById = new Map(candidates.map((c) => [c.id, c]));
  const positionById = new Map(positions.map((p) => [p.id, p]));
  return applications.map((a) => presentApplicationSummary(viewer, a, required(candidateById.get(a.candidateId), 'candidate', a.candidateId), required(positionById.get(a.positionId), 'position', a.positionId)));
}

/** Display names of DingTalk users (by their DingTalk user id); unknown ids are simply absent. */
export async function userNames(ds: DataSource, dingtalkUserIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = unique(dingtalkUserIds.filter((id): id is string => id !== null));
  if (ids.length === 0) return new Map();
  const users = await ds.getRepository(User).find({ where: { dingtalkUserId: In(ids) }, select: { dingtalkUserId: true, name: true } });
  return new Map(users.map((u) => [u.dingtalkUserId, u.name]));
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function required<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new Error(`${what} ${id} referenced by an application does not exist`);
  return value;
}
