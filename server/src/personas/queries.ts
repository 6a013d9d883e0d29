import type { ModelVersionView, PositionView } from '@aireview/shared';
import { In, type DataSource } from 'typeorm';
import { EvaluationModelVersion, Position, User } from '../platform/db/entities/index.js';
import { notFound } from '../platform/http/errors.js';
import { unique } from '../candidates/index.js';
import { presentPosition } from './presenters.js';

export async function findPositionByCode(ds: DataSource, code: string): Promise<Position> {
  const position = await ds.getRepository(Position).findOneBy({ code });
  if (!position) throw notFound('not_found', `岗位 ${code} 不存在`);
  return position;
}

/** Every position with its current persona, by code. */
export async function listPositions(ds: DataSource): Promise<PositionView[]> {
  const positions = await ds.getRepository(Position).find({ order: { code: 'ASC' } });
  if (positions.length === 0) return [];
  const models = await ds.getRepository(EvaluationModelVersion).findBy({ positionId: In(positions.map((p) => p.id)) });
  return positions.map((p) => {
    const current = models.find((m) => m.positionId === p.id && m.version === p.currentModelVersion);
    if (!current) throw new Error(`position ${p.code} has no model version ${p.currentModelVersion}`);
    return presentPosition(p, current);
  });
}

export async function getPosition(ds: DataSource, code: string): Promise<PositionView> {
  const position = await findPositionByCode(ds, code);
  const model = await ds.getRepository(EvaluationModelVersion).findOneByOrFail({ positionId: position.id, version: position.currentModelVersion });
  return presentPosition(position, model);
}

/**
 * A position's persona history, newest first. `createdBy` holds whoever published it: the
 * publisher's DingTalk user id (or, for older rows, our user id), resolved to a name either way.
 */
export async function listModelVersions(ds: DataSource, code: string): Promise<ModelVersionView[]> {
  const position = await findPositionByCode(ds, code);
  const versions = await ds.getRepository(EvaluationModelVersion).find({ where: { positionId: position.id }, order: { version: 'DESC' } });
  const creators = unique(versions.map((v) => v.createdBy).filter((id): id is string => id !== null));
  const users = creators.length ? await ds.getRepository(User).find({ where: [{ dingtalkUserId: In(creators) }, { id: In(creators) }], select: { id: true, dingtalkUserId: true, name: true } }) : [];
  const nameOf = (id: string | null) => (id === null ? null : (users.find((u) => u.dingtalkUserId === id || u.id === id)?.name ?? null));
  return versions.map((v) => ({ version: v.version, model: v.model, note: v.note, createdByName: nameOf(v.createdBy), createdAt: v.createdAt.toISOString() }));
}
