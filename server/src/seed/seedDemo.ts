import { randomUUID } from 'node:crypto';
import { ingestInterviewResult, storeRecording } from '../interviews/index.js';
import { createPosition } from '../personas/index.js';
import { Department, Position, User } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { buildDemoBatch } from './demoBatch.js';
import { buildDemoInterviews } from './demoInterviews.js';
import { loadDemoOrg, type DemoOrg } from './demoOrg.js';
import { DEMO_POSITIONS, DEMO_TRAINING_RULES } from './demoPositions.js';
import { saveTrainingRules } from '../training/index.js';
import { planDemoRecordings, synthesizeSpeechLikeWav } from './synthAudio.js';

export type SeedDeps = Pick<Deps, 'ds' | 'storage' | 'log' | 'clock' | 'wake'> & { org?: DemoOrg };

export interface SeedOutcome {
  seeded: boolean;
  interviews: number;
  recordings: number;
}

/**
 * Fill an empty database with the demo organisation, positions, 88 candidate files (one weak batch among them) and
 * synthesised recordings — through the same commands the vendor API uses. No-op when positions exist.
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedOutcome> {
  if ((await deps.ds.getRepository(Position).count()) > 0) return { seeded: false, interviews: 0, recordings: 0 };
  const org = deps.org ?? loadDemoOrg();
  const now = deps.clock.now();
  await inTransaction(deps.ds, async (em) => {
    await em.insert(Department, org.departments.map((d) => ({ id: d.deptId, name: d.name, parentId: d.parentId })));
    await em.insert(User, org.users.map((u) => ({
      id: randomUUID(),
      dingtalkUserId: u.userId,
      unionId: u.unionId,
      name: u.name,
      title: u.title,
      departmentIds: u.deptIds,
      role: u.role,
      createdAt: now,
      updatedAt: now,
    })));
  });
  for (const position of DEMO_POSITIONS) {
    await createPosition(deps, { ...position });
    await saveTrainingRules(deps, { code: position.code, input: { rules: [...DEMO_TRAINING_RULES], expectedVersion: 0, note: '演示规则' }, actorId: null });
  }

  const interviews = buildDemoInterviews({ now });
  for (const interview of interviews) await ingestInterviewResult(deps, interview);
  // Yesterday's invitation batch, weak on 服务意识: 数据看板's alert comes from these data.
  const batch = buildDemoBatch({ now });
  for (const interview of batch) await ingestInterviewResult(deps, interview);
  const plan = planDemoRecordings(interviews);
  for (const recording of plan) {
    await storeRecording(
      deps,
      {
        interviewId: recording.interviewId,
        scenarioId: recording.scenarioId,
        contentType: 'audio/wav',
        body: synthesizeSpeechLikeWav({ seconds: recording.seconds, seed: recording.seed }),
      },
    );
  }
  deps.log.info({ interviews: interviews.length + batch.length, recordings: plan.length }, 'demo data seeded');
  return { seeded: true, interviews: interviews.length + batch.length, recordings: plan.length };
}
