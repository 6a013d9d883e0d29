import type { Stage } from '@aireview/shared';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { ingestFile, type IngestedFile } from '../../test/fixtures.js';
import { Application, StageChange } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import { AppError } from '../platform/http/errors.js';
import { transitionStage } from './transitionStage.js';

/** The server-side stage guard: illegal moves and lost races are refused and leave no trace. */
describeEachDb('transitionStage', (db) => {
  let file: IngestedFile;
  const now = new Date('2026-11-21T09:30:00.000Z');

  beforeEach(async () => {
    await createTestPosition(db.ds);
    // Ingestion leaves the application in review, with two stage_history rows.
    file = await ingestFile(db.ds);
  });

  async function setStoredStage(stage: Stage): Promise<void> {
    await db.ds.getRepository(Application).update({ id: file.applicationId }, { stage });
  }

  async function storedStage(): Promise<Stage> {
    return (await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId })).stage;
  }

  async function historyCount(): Promise<number> {
    return db.ds.getRepository(StageChange).countBy({ applicationId: file.applicationId });
  }

  /** Runs the transition in its own transaction and returns what it threw (it must throw). */
  async function refusal(from: Stage, to: Stage): Promise<AppError> {
    const error = await inTransaction(db.ds, (em) =>
      transitionStage(em, { applicationId: file.applicationId, from, to, actorType: 'user', actorId: 'sup_general', reason: 'test' }, now),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, `${from} → ${to} should have been refused`).toBeInstanceOf(AppError);
    return error as AppError;
  }

  it.each([
    ['rejected', 'second_interview'],
    ['second_interview', 'in_review'],
    ['in_review', 'ai_interviewed'],
  ] as const)('refuses the illegal transition %s → %s with 409 illegal_transition and writes nothing', async (from, to) => {
    await setStoredStage(from);
    const before = await historyCount();

    const error = await refusal(from, to);

    expect(error).toMatchObject({ status: 409, code: 'illegal_transition', details: { from, to } });
    expect(await storedStage()).toBe(from);
    expect(await historyCount()).toBe(before);
  });

  it('refuses a lost race (another writer moved the stage since it was read) with 409 illegal_transition and writes nothing', async () => {
    // We read in_review; meanwhile another decision rejected the candidate.
    await setStoredStage('rejected');
    const before = await historyCount();

    const error = await refusal('in_review', 'second_interview');

    expect(error).toMatchObject({ status: 409, code: 'illegal_transition', details: { from: 'in_review', to: 'second_interview' } });
    expect(await storedStage()).toBe('rejected');
    expect(await historyCount()).toBe(before);
    expect(await db.ds.getRepository(StageChange).countBy({ applicationId: file.applicationId, toStage: 'second_interview' })).toBe(0);
  });

  it('moves a legal transition and records who, why, the round and the approval ids', async () => {
    const before = await historyCount();

    const recorded = { actorType: 'user', actorId: 'sup_general', reason: '同意（钉钉审批）：表达清楚', roundId: file.roundId, approvalInstanceId: 'inst-42', approvalTaskId: 'task-7' } as const;
    await inTransaction(db.ds, (em) => transitionStage(em, { applicationId: file.applicationId, from: 'in_review', to: 'second_interview', ...recorded }, now));

    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId });
    expect(application.stage).toBe('second_interview');
    expect(application.updatedAt.getTime()).toBe(now.getTime());
    expect(await historyCount()).toBe(before + 1);
    const change = await db.ds.getRepository(StageChange).findOneByOrFail({ applicationId: file.applicationId, toStage: 'second_interview' });
    expect(change).toMatchObject({ fromStage: 'in_review', toStage: 'second_interview', ...recorded });
    expect(change.createdAt.getTime()).toBe(now.getTime());
  });
});
