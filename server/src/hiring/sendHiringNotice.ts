import { maskName } from '@aireview/shared';
import { Application, Candidate, Position } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { fileUrl } from '../platform/appLinks.js';
import { dingtalkLink } from '../platform/dingtalk/port.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import type { HiringNoticeType } from './kinds.js';

/**
 * Outbox handler of `hiring.notice`: a work notice to HR (and whoever recorded the hire). Built from stored
 * facts only, so a resend after a crash is byte-identical and DingTalk drops the duplicate.
 */
export async function sendHiringNotice(
  deps: Pick<Deps, 'ds' | 'dingtalk' | 'settings'>,
  payload: { applicationId: string; type: HiringNoticeType; reason: string },
): Promise<void> {
  const application = await deps.ds.getRepository(Application).findOneByOrFail({ id: payload.applicationId });
  const [candidate, position] = await Promise.all([
    deps.ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId }),
    deps.ds.getRepository(Position).findOneByOrFail({ id: application.positionId }),
  ]);
  const userIds = [...new Set([...(application.outcomeByUserId ? [application.outcomeByUserId] : []), ...deps.settings.roles.hrUserIds])];
  if (userIds.length === 0) throw new PermanentDeliveryError('no HR users are configured to notify');
  const name = maskName(candidate.name);
  await deps.dingtalk.sendWorkNotice({
    userIds,
    card: {
      title: `待入职创建失败：${name} · ${position.name}`,
      markdown: [
        '### 智能人事待入职未能创建',
        `**候选人**：${name}`,
        `**岗位**：${position.name}`,
        `**预计入职**：${application.onboardingDate ?? '—'}`,
        `**原因**：${payload.reason}`,
        `档案编号 ${application.id.slice(0, 8)}`,
      ].join('\n\n'),
      singleTitle: '查看候选人档案',
      singleUrl: dingtalkLink(fileUrl(deps.settings.publicBaseUrl, application.id)),
    },
  });
}
