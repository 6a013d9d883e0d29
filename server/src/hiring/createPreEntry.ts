import { RESERVE_SUPERVISOR_LABEL } from '@aireview/shared';
import { IsNull } from 'typeorm';
import { isReserveSupervisor } from '../candidates/index.js';
import { Application, Candidate, TrainingAssignment } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { hiringNoticeEffect } from './kinds.js';

type PreEntryDeps = Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock' | 'wake'>;

export type PreEntryOutcome = 'created' | 'adopted' | 'already_recorded' | 'not_hired';

/**
 * Outbox handler of `hiring.pre_entry`: the hire gets exactly one DingTalk 智能人事 pre-entry (待入职).
 * Safe to run again at any point, because it looks before it acts: a pre-entry with the candidate's
 * mobile (one an earlier attempt created before a crash or a lost answer) is adopted, not created twice.
 * A mobile that already belongs to someone in the organisation is refused by DingTalk (whose only text
 * for it is "系统繁忙"): that is checked before the call and again after a failed call, ends the delivery
 * for good with the reason, and HR get a work notice.
 */
export async function createPreEntry(deps: PreEntryDeps, payload: { applicationId: string }): Promise<PreEntryOutcome> {
  const application = await deps.ds.getRepository(Application).findOneBy({ id: payload.applicationId });
  if (!application) throw new PermanentDeliveryError(`application ${payload.applicationId} does not exist`);
  if (application.preEntryId) return 'already_recorded';
  if (application.stage !== 'hired') return 'not_hired';
  const log = deps.log.child({ applicationId: application.id });
  const candidate = await deps.ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId });
  const mobile = candidate.phone;
  if (!mobile) return refuse(deps, application, '候选人没有手机号，无法在智能人事创建待入职');

  const existing = await deps.dingtalk.findPreEntryByMobile(mobile);
  if (existing) {
    log.info({ preEntryId: existing.preEntryId }, 'adopting the pre-entry created by an earlier attempt');
    await recordPreEntry(deps, application.id, existing.preEntryId);
    return 'adopted';
  }
  if (await deps.dingtalk.findUserIdByMobile(mobile)) return refuse(deps, application, MOBILE_IN_ORG);

  let preEntryId: string;
  try {
    ({ preEntryId } = await deps.dingtalk.createPreEntry({
      name: candidate.name,
      mobile,
      expectedEntryDate: application.onboardingDate ?? '',
      operatorUserId: application.outcomeByUserId ?? '',
      roster: {
        interviewBatch: application.batch,
        overallScore: application.overallScore.toFixed(1),
        modelVersion: `v${application.modelVersion}`,
        talentPool: (await inReservePool(deps, application.id)) ? RESERVE_SUPERVISOR_LABEL : '',
      },
    }));
  } catch (error) {
    // DingTalk explains a mobile of the organisation only as "系统繁忙": ask who has it before retrying.
    const member = await deps.dingtalk.findUserIdByMobile(mobile).catch((lookupError: unknown) => {
      log.warn({ err: lookupError }, 'could not check whether the mobile belongs to the organisation');
      return null;
    });
    if (member) return refuse(deps, application, MOBILE_IN_ORG);
    if (isDingTalkError(error) && !error.retryable) {
      return refuse(deps, application, `钉钉拒绝创建待入职：${error.message}`);
    }
    throw error;
  }
  log.info({ preEntryId }, 'pre-entry created');
  await recordPreEntry(deps, application.id, preEntryId);
  return 'created';
}

const MOBILE_IN_ORG = '该手机号已是企业成员，钉钉智能人事不能为其创建待入职；请核对候选人手机号，或在智能人事中直接处理';

/** Stores the id unless one is stored already (a concurrent run got there first). */
async function recordPreEntry(deps: PreEntryDeps, applicationId: string, preEntryId: string): Promise<void> {
  await deps.ds.getRepository(Application).update({ id: applicationId, preEntryId: IsNull() }, { preEntryId, updatedAt: deps.clock.now() });
}

/** Tell HR why, then end the delivery for good (admins see the reason in 消息投递). */
async function refuse(deps: PreEntryDeps, application: Application, reason: string): Promise<never> {
  const now = deps.clock.now();
  await inTransaction(deps.ds, (em) => enqueue(em, hiringNoticeEffect(application.id, 'pre_entry_refused', reason), now));
  deps.wake();
  throw new PermanentDeliveryError(`pre-entry not created: ${reason}`);
}

/** The 储备主管 pool travels into 智能人事 as a roster field. */
async function inReservePool(deps: PreEntryDeps, applicationId: string): Promise<boolean> {
  const programmes = await deps.ds.getRepository(TrainingAssignment).findBy({ applicationId, kind: 'programme' });
  return isReserveSupervisor(programmes);
}
