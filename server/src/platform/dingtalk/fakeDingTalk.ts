import {
  DingTalkError,
  type ActionCard,
  type ApprovalInstance,
  type DingTalkDepartment,
  type DingTalkPort,
  type DingTalkUser,
  type Departure,
  type PreEntryRoster,
  MAX_DEPARTURE_USER_IDS,
} from './port.js';

/**
 * An in-memory DingTalk for unit tests of other modules: records every call, keeps approvals,
 * notices and todos with deterministic ids, and fails on demand (`failNext`). Approvals follow the
 * client's shape: one OR node, so the first decision completes the instance and cancels the rest.
 */
export type DingTalkMethod = keyof DingTalkPort;

export type FakeCall = { [M in DingTalkMethod]: { method: M; args: Parameters<DingTalkPort[M]> } }[DingTalkMethod];

export interface FakeApproval extends ApprovalInstance {
  originatorUserId: string;
  deptId: number;
  approverUserIds: string[];
  /** Remarks given with decisions and termination, in order. */
  remarks: string[];
  createdAt: Date;
}

export interface FakeNotice {
  taskId: string;
  userIds: string[];
  card: ActionCard;
}

export interface FakeTodo {
  id: string;
  userId: string;
  subject: string;
  description?: string;
  detailUrl: string;
  key: string;
  dueAt?: Date;
  done: boolean;
}

export interface FakePreEntry {
  preEntryId: string;
  name: string;
  mobile: string;
  expectedEntryDate: string;
  operatorUserId: string;
  roster: PreEntryRoster;
}

export interface FakeDingTalkSeed {
  users?: DingTalkUser[];
  departments?: DingTalkDepartment[];
}

export class FakeDingTalk implements DingTalkPort {
  readonly calls: FakeCall[] = [];
  readonly approvals = new Map<string, FakeApproval>();
  readonly notices: FakeNotice[] = [];
  readonly todos: FakeTodo[] = [];
  readonly users = new Map<string, DingTalkUser>();
  readonly departments = new Map<number, DingTalkDepartment>();
  readonly preEntries: FakePreEntry[] = [];
  /** Departure records by user id (tests set them, as HR would in 智能人事). */
  readonly departures = new Map<string, Departure>();
  private readonly authCodes = new Map<string, string>();
  private readonly failures = new Map<DingTalkMethod, DingTalkError[]>();
  private nextId = 1;

  constructor(seed: FakeDingTalkSeed = {}) {
    for (const user of seed.users ?? []) this.users.set(user.userId, user);
    for (const dept of seed.departments ?? []) this.departments.set(dept.deptId, dept);
  }

  /** The next call of `method` is recorded, then fails with `error` (several calls queue up). */
  failNext(method: DingTalkMethod, error: DingTalkError = new DingTalkError({ kind: 'server', code: 'fake_failure', message: `fake ${method} failure` })): this {
    const queue = this.failures.get(method) ?? [];
    queue.push(error);
    this.failures.set(method, queue);
    return this;
  }

  /** The arguments of every recorded call to `method`, in order. */
  callsTo<M extends DingTalkMethod>(method: M): Parameters<DingTalkPort[M]>[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.args as Parameters<DingTalkPort[M]>);
  }

  /** A single-use login code for `userId`, as the H5 page would get from DingTalk. */
  issueAuthCode(userId: string): string {
    const code = `fake-code-${this.nextId++}`;
    this.authCodes.set(code, userId);
    return code;
  }

  /** A decision taken in DingTalk's own approval screen: same effect as executeReviewTask, not recorded as a call. */
  decideInDingTalk(instanceId: string, userId: string, result: 'agree' | 'refuse', remark?: string): FakeApproval {
    const approval = this.requireApproval(instanceId);
    const task = approval.tasks.find((t) => t.userId === userId && t.state === 'open');
    if (!task) throw business('invalidParameter', `${userId} has no running task in ${instanceId}`);
    this.decide(approval, task.taskId, result, remark);
    return approval;
  }

  async startReviewApproval(input: Parameters<DingTalkPort['startReviewApproval']>[0]): Promise<{ instanceId: string }> {
    this.record({ method: 'startReviewApproval', args: [input] });
    if (input.approverUserIds.length === 0) throw business('invalid_input', 'startReviewApproval needs at least one approver');
    const instanceId = `fake-instance-${this.nextId++}`;
    this.approvals.set(instanceId, {
      instanceId,
      state: 'open',
      tasks: input.approverUserIds.map((userId) => ({ taskId: String(this.nextId++), userId, state: 'open', result: null })),
      originatorUserId: input.originatorUserId,
      deptId: input.deptId ?? -1,
      approverUserIds: [...input.approverUserIds],
      formValues: input.formValues.map((field) => ({ ...field })),
      decisions: [],
      remarks: [],
      createdAt: new Date(),
    });
    return { instanceId };
  }

  async getApprovalInstance(instanceId: string): Promise<ApprovalInstance> {
    this.record({ method: 'getApprovalInstance', args: [instanceId] });
    const approval = this.requireApproval(instanceId);
    return {
      instanceId,
      state: approval.state,
      tasks: approval.tasks.map((task) => ({ ...task })),
      formValues: approval.formValues.map((field) => ({ ...field })),
      decisions: approval.decisions.map((d) => ({ ...d })),
    };
  }

  async listReviewInstanceIds(input: Parameters<DingTalkPort['listReviewInstanceIds']>[0]): Promise<string[]> {
    this.record({ method: 'listReviewInstanceIds', args: [input] });
    return [...this.approvals.values()]
      .filter((a) => a.createdAt >= input.since && (!input.originatorUserIds || input.originatorUserIds.includes(a.originatorUserId)))
      .map((a) => a.instanceId);
  }

  async saveReviewForm(input: Parameters<DingTalkPort['saveReviewForm']>[0]): Promise<{ processCode: string }> {
    this.record({ method: 'saveReviewForm', args: [input] });
    return { processCode: input.processCode ?? `PROC-FAKE-${this.nextId++}` };
  }

  async executeReviewTask(input: Parameters<DingTalkPort['executeReviewTask']>[0]): Promise<void> {
    this.record({ method: 'executeReviewTask', args: [input] });
    const approval = this.requireApproval(input.instanceId);
    if (approval.state !== 'open') throw business('invalidParameter', `approval ${input.instanceId} is ${approval.state}`);
    const task = approval.tasks.find((t) => t.taskId === input.taskId);
    if (!task) throw business('invalidParameter', `no task ${input.taskId}`);
    if (task.userId !== input.actorUserId) throw business('invalidParameter', `task ${input.taskId} belongs to ${task.userId}`);
    if (task.state !== 'open') throw business('invalidParameter', `task ${input.taskId} is ${task.state}`);
    this.decide(approval, task.taskId, input.result, input.remark);
  }

  async terminateApproval(input: Parameters<DingTalkPort['terminateApproval']>[0]): Promise<void> {
    this.record({ method: 'terminateApproval', args: [input] });
    const approval = this.requireApproval(input.instanceId);
    if (approval.state !== 'open') throw business('invalidParameter', `approval ${input.instanceId} is ${approval.state}`);
    if (input.operatingUserId !== approval.originatorUserId) throw business('invalidParameter', 'only the originator may terminate');
    for (const task of approval.tasks) if (task.state === 'open') task.state = 'cancelled';
    approval.state = 'terminated';
    if (input.remark !== undefined) approval.remarks.push(input.remark);
  }

  async sendWorkNotice(input: Parameters<DingTalkPort['sendWorkNotice']>[0]): Promise<{ taskId: string }> {
    this.record({ method: 'sendWorkNotice', args: [input] });
    if (input.userIds.length === 0) throw business('invalid_input', 'sendWorkNotice needs at least one user');
    const taskId = String(this.nextId++);
    this.notices.push({ taskId, userIds: [...input.userIds], card: { ...input.card } });
    return { taskId };
  }

  async createTodo(input: Parameters<DingTalkPort['createTodo']>[0]): Promise<{ id: string }> {
    this.record({ method: 'createTodo', args: [input] });
    if (this.todos.some((todo) => todo.key === input.key)) throw business('todo.taskCreate.paramError', 'task exist');
    const id = `fake-todo-${this.nextId++}`;
    this.todos.push({ id, ...input, done: false });
    return { id };
  }

  async findTodoByKey(input: Parameters<DingTalkPort['findTodoByKey']>[0]): Promise<{ id: string; done: boolean } | null> {
    this.record({ method: 'findTodoByKey', args: [input] });
    const todo = this.todos.find((t) => t.key === input.key && t.userId === input.userId);
    return todo ? { id: todo.id, done: todo.done } : null;
  }

  async completeTodo(input: Parameters<DingTalkPort['completeTodo']>[0]): Promise<void> {
    this.record({ method: 'completeTodo', args: [input] });
    const todo = this.todos.find((t) => t.id === input.todoId && t.userId === input.userId);
    if (!todo) throw new DingTalkError({ kind: 'not_found', code: 'todo.task.notFound', message: `no todo ${input.todoId} of ${input.userId}` });
    todo.done = true;
  }

  async getUserByAuthCode(code: string): Promise<{ userId: string; unionId: string | null; name: string }> {
    this.record({ method: 'getUserByAuthCode', args: [code] });
    const userId = this.authCodes.get(code);
    this.authCodes.delete(code);
    const user = userId === undefined ? undefined : this.users.get(userId);
    if (!user) throw new DingTalkError({ kind: 'auth_code', code: '40078', message: 'unknown, used or expired auth code' });
    return { userId: user.userId, unionId: user.unionId, name: user.name };
  }

  async getUser(userId: string): Promise<DingTalkUser> {
    this.record({ method: 'getUser', args: [userId] });
    const user = this.users.get(userId);
    if (!user) throw business('33012', `no user ${userId}`);
    return { ...user, deptIds: [...user.deptIds] };
  }

  async getDepartment(deptId: number): Promise<DingTalkDepartment> {
    this.record({ method: 'getDepartment', args: [deptId] });
    const dept = this.departments.get(deptId);
    if (!dept) throw business('60003', `no department ${deptId}`);
    return { ...dept };
  }

  /** The person with `mobile` joins the organisation (HR completed the onboarding in 智能人事). */
  onboard(mobile: string, user: Omit<DingTalkUser, 'mobile'>): void {
    this.users.set(user.userId, { ...user, mobile });
  }

  async createPreEntry(input: Parameters<DingTalkPort['createPreEntry']>[0]): Promise<{ preEntryId: string }> {
    this.record({ method: 'createPreEntry', args: [input] });
    if ([...this.users.values()].some((u) => u.mobile === input.mobile)) throw business('-1', '系统繁忙');
    const preEntryId = `fake-preentry-${this.nextId++}`;
    this.preEntries.push({ preEntryId, ...input, roster: { ...input.roster } });
    return { preEntryId };
  }

  async findPreEntryByMobile(mobile: string): Promise<{ preEntryId: string } | null> {
    this.record({ method: 'findPreEntryByMobile', args: [mobile] });
    const found = this.preEntries.find((p) => p.mobile === mobile);
    return found ? { preEntryId: found.preEntryId } : null;
  }

  async findUserIdByMobile(mobile: string): Promise<string | null> {
    this.record({ method: 'findUserIdByMobile', args: [mobile] });
    return [...this.users.values()].find((u) => u.mobile === mobile)?.userId ?? null;
  }

  async listDepartures(userIds: string[]): Promise<Departure[]> {
    this.record({ method: 'listDepartures', args: [userIds] });
    if (userIds.length > MAX_DEPARTURE_USER_IDS) throw business('invalid_input', `at most ${MAX_DEPARTURE_USER_IDS} user ids`);
    return userIds.flatMap((id) => {
      const departure = this.departures.get(id);
      return departure ? [{ ...departure }] : [];
    });
  }

  /** Records the call, then throws the programmed failure for it, if any. */
  private record(call: FakeCall): void {
    this.calls.push(call);
    const failure = this.failures.get(call.method)?.shift();
    if (failure) throw failure;
  }

  private requireApproval(instanceId: string): FakeApproval {
    const approval = this.approvals.get(instanceId);
    if (!approval) throw new DingTalkError({ kind: 'not_found', code: 'processInstanceNotExist', message: `no approval ${instanceId}` });
    return approval;
  }

  private decide(approval: FakeApproval, taskId: string, result: 'agree' | 'refuse', remark?: string): void {
    for (const task of approval.tasks) {
      if (task.taskId === taskId) {
        task.state = 'done';
        task.result = result;
        approval.decisions.push({ userId: task.userId, result, remark: remark ?? null, at: new Date() });
      } else if (task.state === 'open') {
        task.state = 'cancelled';
      }
    }
    approval.state = result === 'agree' ? 'agreed' : 'refused';
    if (remark !== undefined) approval.remarks.push(remark);
  }
}

export function createFakeDingTalk(seed: FakeDingTalkSeed = {}): FakeDingTalk {
  return new FakeDingTalk(seed);
}

function business(code: string, message: string): DingTalkError {
  return new DingTalkError({ kind: 'business', code, message });
}
