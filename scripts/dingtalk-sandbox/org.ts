import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The demo organisation shared by the sandbox and the server's demo seed. */
export const OrgSchema = z.object({
  corpId: z.string().min(1),
  departments: z.array(z.object({ deptId: z.number().int(), name: z.string().min(1), parentId: z.number().int().nullable() })),
  users: z.array(
    z.object({
      userId: z.string().min(1),
      unionId: z.string().min(1),
      name: z.string().min(1),
      title: z.string().default(''),
      deptIds: z.array(z.number().int()).min(1),
      mobile: z.string().default(''),
      role: z.string().optional(),
    }),
  ),
});
export type Org = z.infer<typeof OrgSchema>;
export type OrgUser = Org['users'][number];
export type OrgDepartment = Org['departments'][number];

export const DEFAULT_ORG_FILE = fileURLToPath(new URL('../demo/org.json', import.meta.url));

export function loadOrg(file: string = DEFAULT_ORG_FILE): Org {
  return OrgSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function findUser(org: Org, userId: string): OrgUser | undefined {
  return org.users.find((user) => user.userId === userId);
}

export function findUserByUnionId(org: Org, unionId: string): OrgUser | undefined {
  return org.users.find((user) => user.unionId === unionId);
}

export function findDepartment(org: Org, deptId: number): OrgDepartment | undefined {
  return org.departments.find((dept) => dept.deptId === deptId);
}

/** The department and all its descendants. */
export function departmentTree(org: Org, deptId: number): number[] {
  const ids = [deptId];
  for (let i = 0; i < ids.length; i++) {
    for (const dept of org.departments) if (dept.parentId === ids[i]) ids.push(dept.deptId);
  }
  return ids;
}
