import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EvaluationModelSchema, weightSum } from '@aireview/shared';
import { DEMO_POSITIONS, findDemoPosition } from './demoPositions.js';
import { DEMO_SCENARIOS } from './demoScenarios.js';

interface DemoOrg {
  departments: { deptId: number }[];
  users: { userId: string; deptIds: number[]; role: string }[];
}
const org = JSON.parse(readFileSync(new URL('../../../scripts/demo/org.json', import.meta.url), 'utf8')) as DemoOrg;

describe('DEMO_POSITIONS', () => {
  it('has the general and the fresh-food customer-service positions with unique codes', () => {
    expect(DEMO_POSITIONS.map((p) => p.code)).toEqual(['CS-GENERAL', 'CS-FRESH']);
    expect(findDemoPosition('CS-FRESH')?.departmentId).toBe(102);
  });

  it.each(DEMO_POSITIONS.map((p) => [p.code, p] as const))('%s has a valid evaluation model whose weights sum to 1', (_code, position) => {
    const model = EvaluationModelSchema.parse(position.model);
    expect(weightSum(model.weights)).toBeCloseTo(1, 9);
    expect(model.passScore).toBeGreaterThanOrEqual(65);
    expect(model.passScore).toBeLessThanOrEqual(75);
  });

  it('puts floors only on weighted dimensions and requires only known scenarios', () => {
    const known = new Set(DEMO_SCENARIOS.map((s) => s.scenarioId));
    for (const position of DEMO_POSITIONS) {
      const model = EvaluationModelSchema.parse(position.model);
      for (const dimension of Object.keys(model.floors)) expect(model.weights).toHaveProperty(dimension);
      for (const id of model.requiredScenarios) expect(known.has(id)).toBe(true);
    }
    expect(EvaluationModelSchema.parse(findDemoPosition('CS-FRESH')?.model).requiredScenarios).toEqual(['fresh_spoiled']);
  });

  it('belongs to departments of the demo org, reviewed by supervisors of that department', () => {
    for (const position of DEMO_POSITIONS) {
      expect(org.departments.map((d) => d.deptId)).toContain(position.departmentId);
      expect(position.supervisorUserIds.length).toBeGreaterThan(0);
      for (const userId of position.supervisorUserIds) {
        const user = org.users.find((u) => u.userId === userId);
        expect(user?.role).toBe('supervisor');
        expect(user?.deptIds).toContain(position.departmentId);
      }
    }
  });
});
