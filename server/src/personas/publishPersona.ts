import { PublishModelInputSchema, type PublishModelResult, type SessionUser } from '@aireview/shared';
import type { z } from 'zod';
import { rescoreApplications } from '../interviews/index.js';
import type { Deps } from '../platform/deps.js';
import { conflict, forbidden } from '../platform/http/errors.js';
import { PERSONA_EDITORS } from './access.js';
import { publishEvaluationModel } from './publishEvaluationModel.js';
import { findPositionByCode, getPosition } from './queries.js';

export type PublishPersonaInput = z.output<typeof PublishModelInputSchema>;

/**
 * Publish a new persona version for a position (HR and admin), optionally re-scoring its rounds.
 * `expectedVersion` is the version the editor started from: anything newer means someone else
 * published meanwhile (409 concurrent_update). publishEvaluationModel audits `persona.published`.
 */
export async function publishPersona(
  deps: Pick<Deps, 'ds' | 'clock'>,
  viewer: SessionUser,
  code: string,
  input: PublishPersonaInput,
): Promise<PublishModelResult> {
  if (!PERSONA_EDITORS.includes(viewer.role)) throw forbidden('forbidden', '只有 HR 和管理员可以修改岗位画像');
  const position = await findPositionByCode(deps.ds, code);
  if (input.expectedVersion !== undefined && input.expectedVersion !== position.currentModelVersion) {
    throw conflict('concurrent_update', '岗位画像已被其他人修改，请刷新后重试', { expectedVersion: input.expectedVersion, currentVersion: position.currentModelVersion });
  }
  await publishEvaluationModel(deps, { positionId: position.id, model: input.model, note: input.note, actorId: viewer.userId, expectedVersion: input.expectedVersion });
  const rescore = input.rescore ? await rescoreApplications(deps, { positionId: position.id, actorId: viewer.userId }) : null;
  return { position: await getPosition(deps.ds, code), rescore };
}
