import { findUser, findUserByUnionId, type Org, type OrgUser } from './org.js';
import { randomId, type Dismission, type Employee, type PreEntry, type SandboxState } from './state.js';

/**
 * 智能人事 in the sandbox (DINGTALK.md §10): pre-entries (待入职), onboarding them into the organisation,
 * and departures. A mobile is "in the organisation" when an org-file user or an onboarded employee has it.
 */

/** Departure statuses as 智能人事 reports them: 1 待离职, 2 已离职. */
export const DISMISSION_STATUS = { pending: 1, left: 2 } as const;

export function userIdByMobile(state: SandboxState, org: Org, mobile: string): string | undefined {
  return org.users.find((u) => u.mobile !== '' && u.mobile === mobile)?.userId ?? state.employees.find((e) => e.mobile === mobile)?.userId;
}

/** Everyone in 智能人事 with a mobile: pre-entries not yet onboarded, then employees. */
export function rosterMobile(state: SandboxState, org: Org, userId: string): { userId: string; name: string; mobile: string } | undefined {
  const pre = state.preEntries.find((p) => p.tmpUserId === userId && !p.onboardedUserId);
  if (pre) return { userId, name: pre.name, mobile: pre.mobile };
  const employee = state.employees.find((e) => e.userId === userId);
  if (employee) return employee;
  const user = org.users.find((u) => u.userId === userId);
  return user ? { userId, name: user.name, mobile: user.mobile } : undefined;
}

export function addPreEntry(state: SandboxState, now: number, input: Omit<PreEntry, 'tmpUserId' | 'createdAt'>): PreEntry {
  const entry: PreEntry = { ...input, tmpUserId: `preentry-${randomId(12)}`, createdAt: now };
  state.preEntries.push(entry);
  return entry;
}

/** HR onboarded the person in 智能人事: they become an org user with a new user id. */
export function onboard(state: SandboxState, now: number, preEntry: PreEntry, userId?: string): Employee {
  const id = userId ?? `emp${randomId(10, '0123456789')}`;
  const employee: Employee = { userId: id, unionId: `union-${id}`, name: preEntry.name, mobile: preEntry.mobile, joinedAt: now };
  state.employees.push(employee);
  preEntry.onboardedUserId = employee.userId;
  return employee;
}

export function recordDismission(state: SandboxState, dismission: Dismission): void {
  state.dismissions.set(dismission.userId, dismission);
}

/** An org-file user, or an employee onboarded in 智能人事, as the contact APIs show them (root department). */
export function findPerson(state: SandboxState, org: Org, userId: string): OrgUser | undefined {
  const employee = state.employees.find((e) => e.userId === userId);
  return findUser(org, userId) ?? (employee ? { userId: employee.userId, unionId: employee.unionId, name: employee.name, title: '', deptIds: [1], mobile: employee.mobile } : undefined);
}

/** Whether a unionId names someone in the organisation (org file or onboarded). */
export function isKnownUnionId(state: SandboxState, org: Org, unionId: string): boolean {
  return Boolean(findUserByUnionId(org, unionId)) || state.employees.some((e) => e.unionId === unionId);
}
