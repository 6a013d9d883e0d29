import { REVIEW_DECISION_LABELS, STAGE_LABELS } from '@aireview/shared';
import type { Review } from '../platform/db/entities/index.js';
import { dingtalkLink, type ActionCard } from '../platform/dingtalk/port.js';
import type { OutboxEffect } from '../platform/outbox/enqueue.js';
import { REVIEW_KINDS } from './kinds.js';
import type { ReviewContext } from './queries.js';
import { fileUrl } from '../platform/appLinks.js';

/**
 * Work notifications of the review workflow. Every card names the review, so its text is unique per
 * approval (DingTalk drops identical content sent twice a day) and stable across retries (a resend
 * after a crash is then dropped by DingTalk instead of reaching the user twice).
 */
export type NoticeType = 'request' | 'reminder' | 'escalation' | 'passed' | 'terminated' | 'conflict' | 'foreign_actor';

/** One notice of each type per approval instance (a review restarted by HR gets a new instance). */
export function noticeEffect(review: Pick<Review, 'id' | 'approvalInstanceId'>, type: NoticeType): OutboxEffect {
  return { kind: REVIEW_KINDS.notice, payload: { reviewId: review.id, type }, dedupeKey: `notice:${type}:${review.id}:${review.approvalInstanceId ?? '-'}` };
}


/** Approvers get requests and reminders; HR get the rest. */
export function noticeRecipients(hrUserIds: readonly string[], review: Pick<Review, 'approverUserIds'>, type: NoticeType): string[] {
  const ids = type === 'request' || type === 'reminder' ? review.approverUserIds : hrUserIds;
  return [...new Set(ids)];
}

function hoursBetween(from: Date | null, to: Date | null): number {
  return from && to ? Math.max(0, Math.floor((to.getTime() - from.getTime()) / 3_600_000)) : 0;
}

/** Built from stored facts only (no clock), so a retried notice is byte-identical. */
export function buildCard(publicBaseUrl: string, c: ReviewContext, type: NoticeType): ActionCard {
  const instance = c.review.approvalInstanceId ? ` · 审批 ${c.review.approvalInstanceId.slice(-6)}` : '';
  const ref = `审核编号 ${c.review.id.slice(0, 8)}${instance}`;
  const who = `**候选人**：${c.maskedName}（第 ${c.review.round} 轮）`;
  const position = `**岗位**：${c.position.name}`;
  const score = `**综合得分**：${c.scoreLine}`;
  const url = dingtalkLink(fileUrl(publicBaseUrl, c.application.id));
  const waited = hoursBetween(c.review.startedAt, type === 'escalation' ? c.review.escalatedAt : c.review.remindedAt);
  switch (type) {
    case 'request':
      return card(`AI面试待审核：${c.maskedName} · ${c.position.name}`, ['### AI面试结果待审核', who, position, score, `**响应时延**：${c.latencyLine}`, ref], '查看档案并审核', url);
    case 'reminder':
      return card(`审核提醒：${c.maskedName} 已等待 ${waited} 小时`, [`### 审核提醒（已等待 ${waited} 小时）`, who, position, score, ref], '立即审核', url);
    case 'escalation':
      return card(`审核超时：${c.maskedName} · ${c.position.name}`, [`### 审核超时未处理（已等待 ${waited} 小时）`, who, position, score, `**审核人**：${c.approverNames.join('、')}`, ref], '查看候选人档案', url);
    case 'passed':
      return card(`复试通知：${c.maskedName} 通过主管审核`, ['### 候选人通过审核，请安排复试', who, position, score, `**当前阶段**：${STAGE_LABELS.second_interview}`, ref], '查看候选人档案', url);
    case 'terminated':
      return card(`审批已撤销：${c.maskedName} · ${c.position.name}`, ['### 钉钉审批已被撤销，候选人仍待审核', who, position, ref], '查看候选人档案', url);
    case 'foreign_actor':
      return card(
        `审批操作人异常：${c.maskedName}`,
        ['### 钉钉回调中处理该审批的人不是它的审核人，结果未采纳，请人工核对', who, position, `**审核人**：${c.approverNames.join('、')}`, ref],
        '查看候选人档案',
        url,
      );
    case 'conflict':
      return card(
        `审核结果不一致：${c.maskedName}`,
        ['### 应用内决定与钉钉审批结果不一致，请人工核对', who, position, `**应用内决定**：${c.review.decision ? REVIEW_DECISION_LABELS[c.review.decision] : '—'}`, ref],
        '查看候选人档案',
        url,
      );
  }
}

function card(title: string, lines: string[], singleTitle: string, singleUrl: string): ActionCard {
  return { title, markdown: lines.join('  \n'), singleTitle, singleUrl };
}
