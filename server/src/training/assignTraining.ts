import { randomUUID } from 'node:crypto';
import type { TrainingRule, TrainingTrigger } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { TrainingAssignment } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { unprocessable } from '../platform/http/errors.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { dueAtOf } from './dueDates.js';
import { enqueueTrainingEvent, eventContexts, loadEventContext, type EventContext } from './events.js';
import { assignedNoticeEffect } from './kinds.js';
import { planAssignments } from './planAssignments.js';
import { currentRules } from './queries.js';

export interface AssignTrainingInput {
  applicationId: string;
  /** The stage the application has just entered (inside the same transaction). */
  trigger: TrainingTrigger;
  /** HR's fast-track: course rules made mandatory whatever their condition. */
  mandatoryRuleIds?: readonly string[];
}

/**
 * Inside the transaction that moved the application into 复试 or 录用: the position's rules assign
 * what the interview showed, from the application's current dimension scores. Each rule assigns at
 * most once per application (checked here and held by a unique index), so retries, restarts and
 * re-scores never assign twice. On 录用, open assignments counting from onboarding get their due date.
 * HR's notice and the learning platform's events are outbox rows of the same transaction: a crash
 * keeps all of it or none. Returns the assignments created now.
 */
export async function assignTraining(em: EntityManager, deps: Pick<Deps, 'settings'>, input: AssignTrainingInput, now: Date): Promise<TrainingAssignment[]> {
  const context = await loadEventContext(em, input.applicationId);
  const rules = await currentRules(em, context.position);
  const mandatory = input.mandatoryRuleIds ?? [];
  checkMandatory(rules, mandatory);
  const existing = await em.findBy(TrainingAssignment, { applicationId: input.applicationId });
  if (input.trigger === 'hired') await dateFromOnboarding(em, deps, context, existing, now);

  const planned = planAssignments(rules, context.application.dimensionScores, new Set(existing.map((a) => a.ruleId)), mandatory);
  const created: TrainingAssignment[] = planned.map(({ rule, score, mandatory: isMandatory }, index) => ({
    id: randomUUID(),
    applicationId: input.applicationId,
    ruleId: rule.id,
    ruleVersion: context.position.trainingRulesVersion,
    kind: rule.assign.kind,
    title: rule.assign.title,
    dimension: rule.when.dimension,
    triggerScore: score,
    firedAt: input.trigger,
    relativeTo: rule.assign.relativeTo,
    dueDays: rule.assign.dueDays ?? null,
    dueAt: dueAtOf(rule.assign.relativeTo, rule.assign.dueDays ?? null, { decidedAt: now, onboardingDate: context.application.onboardingDate }),
    status: 'assigned',
    mandatory: isMandatory,
    completedAt: null,
    completionScore: null,
    remark: null,
    statusByUserId: null,
    todoId: null,
    revision: 1,
    // Keeps the file's order (mandatory first, then the rule order) within one instant.
    createdAt: new Date(now.getTime() + index),
    updatedAt: now,
  }));
  if (created.length === 0) return [];
  // A copy: TypeORM writes the columns with database defaults back into the inserted objects, not reliably in order for arrays.
  await em.insert(TrainingAssignment, created.map((a) => ({ ...a })));
  const contexts = eventContexts(context);
  for (const assignment of created) await enqueueTrainingEvent(em, deps, contexts, assignment, now);
  await enqueue(em, assignedNoticeEffect(input.applicationId, input.trigger), now);
  return created;
}

/** Fast-track may only make the position's course rules mandatory. */
function checkMandatory(rules: readonly TrainingRule[], mandatory: readonly string[]): void {
  const unknown = mandatory.filter((id) => !rules.some((rule) => rule.id === id && rule.assign.kind === 'course'));
  if (unknown.length > 0) throw unprocessable('unknown_rule', `岗位的培训规则中没有这些课程：${unknown.join('、')}`, { ruleIds: unknown });
}

/** On 录用: open assignments counting from onboarding are due from the onboarding date now known. */
async function dateFromOnboarding(em: EntityManager, deps: Pick<Deps, 'settings'>, context: EventContext, existing: TrainingAssignment[], now: Date): Promise<void> {
  for (const assignment of existing) {
    if (assignment.relativeTo !== 'onboarding' || (assignment.status !== 'assigned' && assignment.status !== 'overdue')) continue;
    const dueAt = dueAtOf('onboarding', assignment.dueDays, { decidedAt: now, onboardingDate: context.application.onboardingDate });
    if ((dueAt?.getTime() ?? null) === (assignment.dueAt?.getTime() ?? null)) continue;
    const changes = { dueAt, status: 'assigned' as const, revision: assignment.revision + 1, updatedAt: now };
    await em.update(TrainingAssignment, { id: assignment.id }, changes);
    await enqueueTrainingEvent(em, deps, eventContexts(context), { ...assignment, ...changes }, now);
  }
}
