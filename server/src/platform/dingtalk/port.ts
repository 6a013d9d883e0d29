/**
 * The DingTalk port: what the rest of the server may ask of DingTalk, in our own words and types.
 * Nothing here knows a DingTalk URL, field name, token or errcode; `client.ts` does, and
 * `fakeDingTalk.ts` stands in for it in unit tests.
 */
import type { ApprovalResult } from './remark.js';

/**
 * Where an approval task stands: `waiting` (not yet the approver's turn), `open` (the approver can
 * decide), `done` (decided), `cancelled` (another approver decided, or the approval was revoked).
 */
export type ApprovalTaskState = 'waiting' | 'open' | 'done' | 'cancelled';

export interface ApprovalTask {
  taskId: string;
  userId: string;
  state: ApprovalTaskState;
  result: 'agree' | 'refuse' | 'redirect' | null;
}

/** Where an approval stands: still `open`, ended `agreed` or `refused`, or `terminated` (revoked) before anyone decided. A deleted approval is a `not_found` error. */
export type ApprovalState = 'open' | 'agreed' | 'refused' | 'terminated';

export interface ApprovalInstance {
  instanceId: string;
  state: ApprovalState;
  tasks: ApprovalTask[];
  /** The values the instance was started with (label → value). */
  formValues: { name: string; value: string }[];
  /** Approvals and refusals in the order they were taken, with the approver's remark. */
  decisions: { userId: string; result: ApprovalResult; remark: string | null; at: Date | null }[];
}

/** One component of an approval form template (DINGTALK.md §3.6). */
export interface FormComponent {
  componentType: 'TextField' | 'TextareaField' | 'NumberField' | 'TextNote';
  props: { componentId: string; label: string; required?: boolean; placeholder?: string };
}

export interface DingTalkUser {
  userId: string;
  unionId: string | null;
  name: string;
  title: string | null;
  deptIds: number[];
  mobile: string | null;
}

export interface DingTalkDepartment {
  deptId: number;
  name: string;
  parentId: number | null;
}

/** A work-notification card whose whole body is one link (use `dingtalkLink` for `singleUrl`). */
export interface ActionCard {
  title: string;
  markdown: string;
  singleTitle: string;
  singleUrl: string;
}

/** What we write into a pre-entry's roster (花名册): the company's custom fields for the interview. */
export interface PreEntryRoster {
  /** Interview batch, YYYY-MM-DD. */
  interviewBatch: string;
  /** Overall score, one decimal. */
  overallScore: string;
  /** The evaluation model version that produced the score. */
  modelVersion: string;
  /** The talent pool the hire joins (e.g. 储备主管), or '' for none. */
  talentPool: string;
}

/** What 智能人事 says about an employee's leaving. `left` is false while the departure is still pending. */
export interface Departure {
  userId: string;
  left: boolean;
  /** YYYY-MM-DD (Asia/Shanghai), when DingTalk gives one. */
  lastWorkDay: string | null;
  /** Voluntary when DingTalk lists voluntary reasons, passive when it lists passive ones. */
  reason: 'voluntary' | 'passive' | null;
}

/**
 * Creates (`startReviewApproval`, `sendWorkNotice`, `createTodo`, `createPreEntry`) and the state changes
 * (`executeReviewTask`, `terminateApproval`, `completeTodo`) are never retried here: on failure they raise a
 * DingTalkError whose `retryable` tells the caller whether trying later makes sense. A `timeout` or
 * `network` failure of a create means the outcome is unknown — the caller's idempotency record decides
 * (for a todo: `findTodoByKey`).
 */
export interface DingTalkPort {
  startReviewApproval(input: {
    originatorUserId: string;
    /** The originator's department; -1 (the root department) when absent. */
    deptId?: number;
    /** One approval node: any one of these decides (或签). */
    approverUserIds: string[];
    /** `name` must equal the form component's label; values are always strings. */
    formValues: { name: string; value: string }[];
  }): Promise<{ instanceId: string }>;
  /** A deleted (or never existing) approval fails with kind `not_found`. */
  getApprovalInstance(instanceId: string): Promise<ApprovalInstance>;
  /**
   * Ids of this app's review instances started since `since` (optionally by these originators), newest
   * pages first as DingTalk returns them; used to find an instance whose create call timed out.
   */
  listReviewInstanceIds(input: { since: Date; originatorUserIds?: string[] }): Promise<string[]>;
  /** Creates the review form template, or updates it when `processCode` is given; returns the process code. */
  saveReviewForm(input: { processCode?: string; name: string; description?: string; components: FormComponent[] }): Promise<{ processCode: string }>;
  executeReviewTask(input: { instanceId: string; taskId: string; actorUserId: string; result: ApprovalResult; remark?: string }): Promise<void>;
  /** Revokes a running instance; `operatingUserId` must be the originator. */
  terminateApproval(input: { instanceId: string; operatingUserId: string; remark?: string }): Promise<void>;
  /** Accepted for delivery (not delivered): DingTalk silently drops identical content sent twice a day. */
  sendWorkNotice(input: { userIds: string[]; card: ActionCard }): Promise<{ taskId: string }>;
  /**
   * A todo (待办) for one user, by their user id (the client resolves the id todos need). One todo per
   * `key`, our business id: a second create with the same key fails as a business error.
   */
  createTodo(input: { userId: string; subject: string; description?: string; detailUrl: string; key: string; dueAt?: Date }): Promise<{ id: string }>;
  /** The todo this user has for our `key`, or null when there is none. */
  findTodoByKey(input: { userId: string; key: string }): Promise<{ id: string; done: boolean } | null>;
  /** Marks the user's todo done (doing it twice is harmless). An unknown todo fails with kind `not_found`. */
  completeTodo(input: { userId: string; todoId: string }): Promise<void>;
  /** Exchanges a single-use login code (免登); never retried. A bad, used or expired code: kind `auth_code`. */
  getUserByAuthCode(code: string): Promise<{ userId: string; unionId: string | null; name: string }>;
  getUser(userId: string): Promise<DingTalkUser>;
  getDepartment(deptId: number): Promise<DingTalkDepartment>;
  /**
   * 智能人事: add a person to the company's pre-entry list (待入职). Never retried here: a timeout means
   * the outcome is unknown and the caller looks with `findPreEntryByMobile` before trying again.
   */
  createPreEntry(input: {
    name: string;
    mobile: string;
    /** YYYY-MM-DD (Asia/Shanghai). */
    expectedEntryDate: string;
    /** Who records the hire (our HR user's DingTalk id). */
    operatorUserId: string;
    roster: PreEntryRoster;
  }): Promise<{ preEntryId: string }>;
  /** The pre-entry (待入职) with this mobile, if the company has one. */
  findPreEntryByMobile(mobile: string): Promise<{ preEntryId: string } | null>;
  /** The id of the organisation's user with this mobile, or null when nobody in the org has it. */
  findUserIdByMobile(mobile: string): Promise<string | null>;
  /** Departure records of these employees (at most 50 per call); people who never left are absent or `left: false`. */
  listDepartures(userIds: string[]): Promise<Departure[]>;
}

/** DingTalk reads departures for at most this many employees per call (DINGTALK.md §10.3). */
export const MAX_DEPARTURE_USER_IDS = 50;

/** `not_found`: the thing asked about does not exist (e.g. an approval deleted in DingTalk). */
export type DingTalkErrorKind = 'rate_limited' | 'token' | 'server' | 'timeout' | 'network' | 'business' | 'not_found' | 'auth_code';

/** Whether trying the same call later is sensible, unless the raiser knows better. */
const RETRYABLE_BY_DEFAULT: Record<DingTalkErrorKind, boolean> = {
  rate_limited: true,
  token: true,
  server: true,
  timeout: true,
  network: true,
  business: false,
  not_found: false,
  auth_code: false,
};

export interface DingTalkErrorInit {
  kind: DingTalkErrorKind;
  /** DingTalk's own code (`'90018'`, `'Forbidden.AccessDenied.QpsLimitForApi'`, …) or one of ours (`'timeout'`). */
  code: string;
  message: string;
  /** HTTP status, when DingTalk answered at all. */
  status?: number;
  /** Defaults by kind: business and auth_code failures are not worth retrying, the rest are. */
  retryable?: boolean;
  cause?: unknown;
}

export class DingTalkError extends Error {
  kind: DingTalkErrorKind;
  code: string;
  status?: number;
  retryable: boolean;

  constructor(init: DingTalkErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'DingTalkError';
    this.kind = init.kind;
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    this.retryable = init.retryable ?? RETRYABLE_BY_DEFAULT[init.kind];
  }
}

export function isDingTalkError(error: unknown): error is DingTalkError {
  return error instanceof DingTalkError;
}

/** A link that opens `url` in DingTalk: in the side panel on PC, full screen on mobile. */
export function dingtalkLink(url: string): string {
  return `dingtalk://dingtalkclient/page/link?url=${encodeURIComponent(url)}&pc_slide=true`;
}
