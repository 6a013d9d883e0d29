import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The demo organisation shared by the seed and the DingTalk sandbox (scripts/demo/org.json). */
export const DemoOrgSchema = z.object({
  corpId: z.string(),
  departments: z.array(z.object({ deptId: z.number().int(), name: z.string(), parentId: z.number().int().nullable() })),
  users: z.array(
    z.object({
      userId: z.string(),
      unionId: z.string(),
      name: z.string(),
      title: z.string(),
      deptIds: z.array(z.number().int()),
      mobile: z.string(),
      role: z.enum(['admin', 'hr', 'supervisor', 'staff']),
    }),
  ),
});
export type DemoOrg = z.infer<typeof DemoOrgSchema>;

export const DEMO_ORG_URL = new URL('../../../scripts/demo/org.json', import.meta.url);

export function loadDemoOrg(): DemoOrg {
  return DemoOrgSchema.parse(JSON.parse(readFileSync(DEMO_ORG_URL, 'utf8')));
}
