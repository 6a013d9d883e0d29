import { ASSIGNMENT_STATUS_LABELS, DIMENSION_LABELS, maskName, STAGE_LABELS, TRAINING_KIND_LABELS, type TrainingTrigger } from '@aireview/shared';
import { In } from 'typeorm';
import { fileUrl } from '../platform/appLinks.js';
import { Application, Candidate, Position, TrainingAssignment } from '../platform/db/entities/index.js';
import { shanghaiDay } from '../platform/dates.js';
import type { Deps } from '../platform/deps.js';
import { dingtalkLink } from '../platform/dingtalk/port.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { lastDayOf } from './dueDates.js';
import type { TrainingNotice } from './kinds.js';

/** A notice lists at most this many assignments; the rest are counted. */
const MAX_LINES = 10;

/**
 * Outbox handler of `training.notice`: a work notice to HR when a stage's rules assigned training, or
 * when assignments became overdue. Built from stored facts only, so a resend after a crash is the same
 * notice (and DingTalk drops the duplicate).
 */
export async function sendTrainingNotice(deps: Pick<Deps, 'ds' | 'dingtalk' | 'settings'>, notice: TrainingNotice): Promise<void> {
  const userIds = deps.settings.roles.hrUserIds;
  if (userIds.length === 0) throw new PermanentDeliveryError('no HR users are configured to notify');
  const card = notice.type === 'assigned' ? await assignedCard(deps, notice.applicationId, notice.trigger as TrainingTrigger) : await overdueCard(deps, notice.assignmentIds);
  if (card) await deps.dingtalk.sendWorkNotice({ userIds, card });
}

async function assignedCard(deps: Pick<Deps, 'ds' | 'settings'>, applicationId: string, trigger: TrainingTrigger) {
  const application = await deps.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
  const [candidate, position, assignments] = await Promise.all([
    deps.ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId }),
    deps.ds.getRepository(Position).findOneByOrFail({ id: application.positionId }),
    deps.ds.getRepository(TrainingAssignment).find({ where: { applicationId, firedAt: trigger }, order: { createdAt: 'ASC' } }),
  ]);
  if (assignments.length === 0) return null;
  const name = maskName(candidate.name);
  const lines = assignments.slice(0, MAX_LINES).map((a) => {
    const why = a.dimension && a.triggerScore !== null ? `（${DIMENSION_LABELS[a.dimension]} ${a.triggerScore.toFixed(1)}）` : '';
    const due = a.dueAt ? `，${shanghaiDay(a.dueAt)} 前完成` : '';
    return `- ${TRAINING_KIND_LABELS[a.kind]}：${a.title}${a.mandatory ? '（必修）' : ''}${why}${due}`;
  });
  return {
    title: `培训安排：${name} · ${position.name}`,
    markdown: [
      `### ${name} 进入「${STAGE_LABELS[trigger]}」，已按培训规则安排`,
      `**岗位**：${position.name}`,
      ...lines,
      ...(assignments.length > MAX_LINES ? [`另有 ${assignments.length - MAX_LINES} 项`] : []),
    ].join('\n\n'),
    singleTitle: '查看候选人档案',
    singleUrl: dingtalkLink(fileUrl(deps.settings.publicBaseUrl, applicationId)),
  };
}

async function overdueCard(deps: Pick<Deps, 'ds' | 'settings'>, assignmentIds: string[]) {
  const assignments = await deps.ds.getRepository(TrainingAssignment).find({ where: { id: In(assignmentIds) }, order: { dueAt: 'ASC', id: 'ASC' } });
  if (assignments.length === 0) return null;
  const applications = await deps.ds.getRepository(Application).findBy({ id: In([...new Set(assignments.map((a) => a.applicationId))]) });
  const candidates = await deps.ds.getRepository(Candidate).findBy({ id: In(applications.map((a) => a.candidateId)) });
  const nameOf = (applicationId: string) => {
    const application = applications.find((a) => a.id === applicationId);
    return maskName(candidates.find((c) => c.id === application?.candidateId)?.name ?? '');
  };
  const lines = assignments.slice(0, MAX_LINES).map((a) => `- ${nameOf(a.applicationId)}：${a.title}（截止 ${a.dueAt ? lastDayOf(a.dueAt) : '—'}，${ASSIGNMENT_STATUS_LABELS.overdue}）`);
  const first = assignments[0]!;
  return {
    title: `培训逾期：${assignments.length} 项未按期完成`,
    markdown: ['### 以下培训已逾期', ...lines, ...(assignments.length > MAX_LINES ? [`另有 ${assignments.length - MAX_LINES} 项`] : [])].join('\n\n'),
    singleTitle: assignments.length === 1 ? '查看候选人档案' : '查看第一位候选人',
    singleUrl: dingtalkLink(fileUrl(deps.settings.publicBaseUrl, first.applicationId)),
  };
}
