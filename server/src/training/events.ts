import type { TrainingWebhookEvent } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { Application, Candidate, Position, type TrainingAssignment } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { TRAINING_KINDS } from './kinds.js';

/** Who and where an assignment belongs to, as the learning platform hears of it. */
export interface EventContext {
  application: Application;
  candidate: Candidate;
  position: Position;
}

export async function loadEventContext(em: EntityManager, applicationId: string): Promise<EventContext> {
  const application = await em.findOneByOrFail(Application, { id: applicationId });
  const [candidate, position] = await Promise.all([
    em.findOneByOrFail(Candidate, { id: application.candidateId }),
    em.findOneByOrFail(Position, { id: application.positionId }),
  ]);
  return { application, candidate, position };
}

/**
 * Contexts by application id, loaded at most once per transaction and only when an event is written:
 * pass one around when several assignments are told of in one go; seed it with a context already read.
 */
export type EventContexts = Map<string, Promise<EventContext>>;

export function eventContexts(...known: EventContext[]): EventContexts {
  return new Map(known.map((context) => [context.application.id, Promise.resolve(context)]));
}

/** Only courses and programmes go to the learning platform; team suggestions stay with HR. */
export function isDeliverable(assignment: Pick<TrainingAssignment, 'kind'>): assignment is Pick<TrainingAssignment, 'kind'> & { kind: 'course' | 'programme' } {
  return assignment.kind !== 'team';
}

/**
 * Inside the caller's transaction: tell the learning platform about this revision of an assignment
 * (created, or changed: a due date, a status). The event is a snapshot, so a retry sends the same
 * bytes under the same `Idempotency-Key`. Nothing is written without TRAINING_WEBHOOK_URL.
 */
export async function enqueueTrainingEvent(em: EntityManager, deps: Pick<Deps, 'settings'>, contexts: EventContexts, assignment: TrainingAssignment, now: Date): Promise<void> {
  if (!deps.settings.trainingWebhookUrl || !isDeliverable(assignment)) return;
  let loading = contexts.get(assignment.applicationId);
  if (!loading) {
    loading = loadEventContext(em, assignment.applicationId);
    contexts.set(assignment.applicationId, loading);
  }
  const context = await loading;
  const event: TrainingWebhookEvent = {
    eventId: `${assignment.id}:${assignment.revision}`,
    type: assignment.revision === 1 ? 'assignment.created' : 'assignment.updated',
    assignment: {
      id: assignment.id,
      kind: assignment.kind,
      title: assignment.title,
      status: assignment.status,
      dueAt: assignment.dueAt?.toISOString() ?? null,
      mandatory: assignment.mandatory,
    },
    person: {
      name: context.candidate.name,
      mobile: context.candidate.phone,
      employeeId: context.application.employeeId,
      dingtalkUserId: context.application.employeeUserId,
    },
    position: { code: context.position.code, name: context.position.name },
    applicationId: context.application.id,
    occurredAt: now.toISOString(),
  };
  await enqueue(em, { kind: TRAINING_KINDS.deliver, payload: { event }, dedupeKey: `training-event:${event.eventId}` }, now);
}
