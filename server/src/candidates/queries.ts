import { ApplicationListQuerySchema, type ApplicationSummary, type Page, type SessionUser } from '@aireview/shared';
import { Brackets, In, type DataSource } from 'typeorm';
import { z } from 'zod';
import { Application, Candidate, Position, TrainingAssignment, User } from '../platform/db/entities/index.js';
import { escapeLike } from '../platform/db/sql.js';
import { badRequest, notFound } from '../platform/http/errors.js';
import { isReserveSupervisor, presentApplicationSummary } from './presenters.js';
import { canViewPosition, phoneSearchFor, visiblePositions } from './scope.js';

const fileNotFound = () => notFound('not_found', '候选人档案不存在或无权查看');

/** The application and its position, or 404 when it does not exist or the viewer may not see it. */
export async function findVisibleApplication(ds: DataSource, viewer: SessionUser, applicationId: string): Promise<{ application: Application; position: Position }> {
  const application = await ds.getRepository(Application).findOneBy({ id: applicationId });
  if (!application) throw fileNotFound();
  const position = await ds.getRepository(Position).findOneByOrFail({ id: application.positionId });
  if (!canViewPosition(viewer, position)) throw fileNotFound();
  return { application, position };
}

export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function required<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined) throw new Error(`${what} ${id} referenced by an application does not exist`);
  return value;
}

/** Summaries of `applications` in their order; candidates and positions are loaded in one query each. */
export async function summariesOf(ds: DataSource, viewer: SessionUser, applications: readonly Application[]): Promise<ApplicationSummary[]> {
  if (applications.length === 0) return [];
  const [candidates, positions, programmes] = await Promise.all([
    ds.getRepository(Candidate).findBy({ id: In(unique(applications.map((a) => a.candidateId))) }),
    ds.getRepository(Position).findBy({ id: In(unique(applications.map((a) => a.positionId))) }),
    ds.getRepository(TrainingAssignment).find({ where: { applicationId: In(applications.map((a) => a.id)), kind: 'programme' }, select: { applicationId: true, kind: true, status: true } }),
  ]);
  const candidateById = new Map(candidates.map((c) => [c.id, c]));
  const positionById = new Map(positions.map((p) => [p.id, p]));
  const reserve = new Set(programmes.filter((p) => isReserveSupervisor([p])).map((p) => p.applicationId));
  return applications.map((a) =>
    presentApplicationSummary(viewer, a, required(candidateById.get(a.candidateId), 'candidate', a.candidateId), required(positionById.get(a.positionId), 'position', a.positionId), reserve.has(a.id)),
  );
}

/** Display names of DingTalk users (by their DingTalk user id); unknown ids are simply absent. */
export async function userNames(ds: DataSource, userIds: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = unique(userIds.filter((id): id is string => id !== null));
  if (ids.length === 0) return new Map();
  const users = await ds.getRepository(User).find({ where: { dingtalkUserId: In(ids) }, select: { dingtalkUserId: true, name: true } });
  return new Map(users.map((u) => [u.dingtalkUserId, u.name]));
}

export type ApplicationListFilter = z.output<typeof ApplicationListQuerySchema>;

/** Keyset position: the last row of the previous page. Opaque to clients (base64url JSON). */
const CursorSchema = z.strictObject({ at: z.iso.datetime(), id: z.string().min(1).max(36) });
type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch (error) {
    throw badRequest('invalid_query', '分页游标无效，请从第一页重新加载', { cursor: (error as Error).message });
  }
  const parsed = CursorSchema.safeParse(json);
  if (!parsed.success) throw badRequest('invalid_query', '分页游标无效，请从第一页重新加载');
  return parsed.data;
}

/** A search of 4 or more digits (spaces and dashes allowed) is a phone-number suffix. */
export function phoneSuffixOf(q: string): string | null {
  const digits = q.replace(/[\s-]/g, '');
  return /^\d{4,}$/.test(digits) ? digits : null;
}

/**
 * The applications the viewer may see, newest interview first, keyset-paginated on
 * (lastInterviewAt DESC, id DESC) so rows with equal times are neither repeated nor skipped.
 */
export async function listApplications(ds: DataSource, viewer: SessionUser, filter: ApplicationListFilter): Promise<Page<ApplicationSummary>> {
  const cursor = filter.cursor ? decodeCursor(filter.cursor) : null;
  const positions = visiblePositions(viewer, await ds.getRepository(Position).find({ select: { id: true, code: true, departmentId: true, supervisorUserIds: true } }));
  const positionIds = positions.filter((p) => filter.positionCode === undefined || p.code === filter.positionCode).map((p) => p.id);
  if (positionIds.length === 0) return { items: [], nextCursor: null };

  const qb = ds
    .getRepository(Application)
    .createQueryBuilder('a')
    .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
    .where('a.positionId IN (:...positionIds)', { positionIds });
  if (filter.stage) qb.andWhere('a.stage = :stage', { stage: filter.stage });
  if (filter.batch) qb.andWhere('a.batch = :batch', { batch: filter.batch });
  if (filter.source) qb.andWhere('c.source = :source', { source: filter.source });
  if (filter.pool === 'reserve_supervisor') {
    // The pool as isReserveSupervisor defines it: a programme assignment that was not waived.
    qb.andWhere((sub) => `EXISTS ${sub.subQuery().select('1').from(TrainingAssignment, 't').where('t.applicationId = a.id').andWhere("t.kind = 'programme'").andWhere("t.status <> 'waived'").getQuery()}`);
  }
  if (filter.scoreMin !== undefined) qb.andWhere('a.overallScore >= :scoreMin', { scoreMin: filter.scoreMin });
  if (filter.scoreMax !== undefined) qb.andWhere('a.overallScore <= :scoreMax', { scoreMax: filter.scoreMax });
  if (filter.q) {
    const digits = phoneSuffixOf(filter.q);
    // Digits a viewer may not search phones by (a supervisor's five or more) are searched as a name.
    const phone = digits ? phoneSearchFor(viewer, digits) : null;
    if (phone) {
      qb.andWhere("c.phone LIKE :phone ESCAPE '!'", { phone: `%${phone.suffix}` });
      if (phone.minLength > 0) qb.andWhere('LENGTH(c.phone) >= :phoneMinLength', { phoneMinLength: phone.minLength });
    } else qb.andWhere("c.name LIKE :name ESCAPE '!'", { name: `%${escapeLike(filter.q)}%` });
  }
  if (cursor) {
    const at = new Date(cursor.at);
    qb.andWhere(
      new Brackets((w) => {
        w.where('a.lastInterviewAt < :cursorAt', { cursorAt: at }).orWhere(
          new Brackets((same) => same.where('a.lastInterviewAt = :cursorAt', { cursorAt: at }).andWhere('a.id < :cursorId', { cursorId: cursor.id })),
        );
      }),
    );
  }
  const rows = await qb.orderBy('a.lastInterviewAt', 'DESC').addOrderBy('a.id', 'DESC').limit(filter.limit + 1).getMany();
  const page = rows.slice(0, filter.limit);
  const last = page[page.length - 1];
  return {
    items: await summariesOf(ds, viewer, page),
    nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.lastInterviewAt.toISOString(), id: last.id }) : null,
  };
}

/** Recruiting channels of the candidates the viewer may see, most frequent first (for the 来源 filter). */
export async function listSources(ds: DataSource, viewer: SessionUser, limit = 20): Promise<{ source: string; count: number }[]> {
  const positions = visiblePositions(viewer, await ds.getRepository(Position).find({ select: { id: true, departmentId: true, supervisorUserIds: true } }));
  if (positions.length === 0) return [];
  const rows = (await ds
    .getRepository(Application)
    .createQueryBuilder('a')
    .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
    .select('c.source', 'source')
    .addSelect('COUNT(*)', 'count')
    .where('a.positionId IN (:...positionIds)', { positionIds: positions.map((p) => p.id) })
    .andWhere('c.source IS NOT NULL')
    .groupBy('c.source')
    .orderBy('count', 'DESC')
    .addOrderBy('source', 'ASC')
    .limit(limit)
    .getRawMany()) as { source: string; count: number | string }[];
  return rows.map((r) => ({ source: r.source, count: Number(r.count) }));
}
