import { PublishModelInputSchema, type PublishModelResult, type SessionUser } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import { canEditPersonas } from '../auth/scope.js';
import { publishEvaluationModel } from './positions.js';
import { rescoreApplications } from './rescoreApplications.js';
import { conflict, forbidden } from '../errors.js';
import { findPositionByCode, getPosition } from '../queries/positions.js';

export type PublishPersonaInput = z.output<typeof PublishModelInputSchema>;

/**
 * Publish a new persona version for a position (HR and admin), optionally re-scoring its rounds.
 * `expectedVersion` is the version the editor started from: anything newer means someone else
 * published meanwhile (409 concurrent_update). publishEvaluationModel audits `persona.published`.
 */
export async function publishPersona(
  deps: { ds: DataSource; now?: () => Date },
  viewer: SessionUser,
  code: string,
  input: PublishPersonaInput,
): Promise<PublishModelResult> {
  if (!canEditPersonas(viewer)) throw forbidden('forbidden', '只有 HR 和管理员可以修改岗位画像');
  const position = await findPositionByCode(deps.ds, code);
  if (input.expectedVersion !== undefined && input.expectedVersion !== position.currentModelVersion) {
    throw conflict('concurrent_update', '岗位画像已被其他人修改，请刷新后重试', { expectedVersion: input.expectedVersion, currentVersion: position.currentModelVersion });
  }
  await publishEvaluationModel(deps, { positionId: position.id, model: input.model, note: input.note, actorId: viewer.userId });
  const rescore = input.rescore ? await rescoreApplications(deps, { positionId: position.id, actorId: viewer.userId }) : null;
  return { position: await getPosition(deps.ds, code), rescore };
}
