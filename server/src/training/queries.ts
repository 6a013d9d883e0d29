import type { OwnTrainingAssignment, TrainingRule, TrainingRulesView } from '@aireview/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { presentTrainingAssignment, userNames } from '../candidates/index.js';
import { Application, Position, TrainingAssignment, TrainingRuleVersion } from '../platform/db/entities/index.js';
import { notFound } from '../platform/http/errors.js';

/** The rules in force for a position (none before the first version). */
export async function currentRules(em: EntityManager, position: Pick<Position, 'id' | 'trainingRulesVersion'>): Promise<TrainingRule[]> {
  if (position.trainingRulesVersion === 0) return [];
  const row = await em.findOneByOrFail(TrainingRuleVersion, { positionId: position.id, version: position.trainingRulesVersion });
  return row.rules;
}

/** The position with this code, or 404. (Not personas' lookup: training stays below the features that assign it.) */
export async function positionByCode(em: EntityManager, code: string): Promise<Position> {
  const position = await em.findOneBy(Position, { code });
  if (!position) throw notFound('not_found', `岗位 ${code} 不存在`);
  return position;
}

/** GET /positions/:code/training-rules: the rules in force and the earlier versions. */
export async function getTrainingRules(ds: DataSource, code: string): Promise<TrainingRulesView> {
  const position = await positionByCode(ds.manager, code);
  const versions = await ds.getRepository(TrainingRuleVersion).find({ where: { positionId: position.id }, order: { version: 'DESC' } });
  const names = await userNames(ds, versions.map((v) => v.createdByUserId));
  const current = versions.find((v) => v.version === position.trainingRulesVersion) ?? null;
  return {
    positionCode: position.code,
    version: position.trainingRulesVersion,
    rules: current?.rules ?? [],
    note: current?.note ?? null,
    updatedByName: current?.createdByUserId ? (names.get(current.createdByUserId) ?? null) : null,
    updatedAt: current?.createdAt.toISOString() ?? null,
    history: versions
      .filter((v) => v.version !== position.trainingRulesVersion)
      .map((v) => ({
        version: v.version,
        ruleCount: v.rules.length,
        note: v.note,
        createdByName: v.createdByUserId ? (names.get(v.createdByUserId) ?? null) : null,
        createdAt: v.createdAt.toISOString(),
      })),
  };
}

/** GET /me/training-assignments: what the viewer was assigned as a hire (applications linked to their DingTalk user). */
export async function listOwnAssignments(ds: DataSource, userId: string): Promise<OwnTrainingAssignment[]> {
  const applications = await ds.getRepository(Application).find({ where: { employeeUserId: userId }, select: { id: true, positionId: true } });
  if (applications.length === 0) return [];
  const [assignments, positions] = await Promise.all([
    ds.getRepository(TrainingAssignment).find({ where: { applicationId: In(applications.map((a) => a.id)), kind: In(['course', 'programme']) }, order: { createdAt: 'ASC' } }),
    ds.getRepository(Position).findBy({ id: In(applications.map((a) => a.positionId)) }),
  ]);
  const positionOf = new Map(applications.map((a) => [a.id, positions.find((p) => p.id === a.positionId)?.name ?? '']));
  return assignments.map((a) => ({ ...presentTrainingAssignment(a), positionName: positionOf.get(a.applicationId) ?? '' }));
}
