import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ingestInterviewResult } from '../commands/ingestInterviewResult.js';
import { createPosition } from '../commands/positions.js';
import { storeRecording } from '../commands/storeRecording.js';
import { Department, Position, User } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import type { Logger } from '../logger.js';
import type { RecordingStorage } from '../storage/storage.js';
import { buildDemoInterviews } from './demoInterviews.js';
import { loadDemoOrg, type DemoOrg } from './demoOrg.js';
import { DEMO_POSITIONS } from './demoPositions.js';
import { planDemoRecordings, synthesizeSpeechLikeWav } from './synthAudio.js';

export interface SeedDeps {
  ds: DataSource;
  storage: RecordingStorage;
  log: Logger;
  org?: DemoOrg;
  now?: () => Date;
}

export interface SeedOutcome {
  seeded: boolean;
  interviews: number;
  recordings: number;
}

/**
 * Fill an empty database with the demo organisation, positions, ≥40 candidate files and
 * synthesised recordings — through the same commands the vendor API uses. No-op when positions exist.
 */
export async function seedDemo(deps: SeedDeps): Promise<SeedOutcome> {
  if ((await deps.ds.getRepository(Position).count()) > 0) return { seeded: false, interviews: 0, recordings: 0 };
  const org = deps.org ?? loadDemoOrg();
  const now = deps.now?.() ?? new Date();
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
  for (const position of DEMO_POSITIONS) await createPosition({ ds: deps.ds }, { ...position });

  const interviews = buildDemoInterviews({ now });
  for (const interview of interviews) await ingestInterviewResult({ ds: deps.ds }, interview);
  const plan = planDemoRecordings(interviews);
  for (const recording of plan) {
    await storeRecording(
      { ds: deps.ds, storage: deps.storage },
      {
        interviewId: recording.interviewId,
        scenarioId: recording.scenarioId,
        contentType: 'audio/wav',
        body: synthesizeSpeechLikeWav({ seconds: recording.seconds, seed: recording.seed }),
      },
    );
  }
  deps.log.info({ interviews: interviews.length, recordings: plan.length }, 'demo data seeded');
  return { seeded: true, interviews: interviews.length, recordings: plan.length };
}
