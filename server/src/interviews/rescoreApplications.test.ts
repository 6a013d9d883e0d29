import { expect, it } from 'vitest';
import { Application, InterviewRound, ScoreRecord } from '../platform/db/entities/index.js';
import { describeEachDb } from '../../test/db.js';
import { buildTestDeps } from '../../test/testApp.js';
import { GENERAL_MODEL, createTestPosition, samplePayload } from '../../test/factories.js';
import { ingestInterviewResult } from './ingestInterviewResult.js';
import { publishEvaluationModel } from '../personas/index.js';
import { rescoreApplications } from './rescoreApplications.js';

describeEachDb('re-scoring with a new evaluation model version', (db) => {
  it('a new version leaves old scores alone until re-score, which keeps the old values in history', async () => {
    const position = await createTestPosition(db.ds);
    const ingested = await ingestInterviewResult(buildTestDeps(db.ds), samplePayload());
    expect(ingested.data.overallScore).toBe(76.7);

    const version = await publishEvaluationModel(buildTestDeps(db.ds), { positionId: position.id, model: { ...GENERAL_MODEL, passScore: 85 }, note: '提高通过线' });
    expect(version.version).toBe(2);
    const untouched = await db.ds.getRepository(Application).findOneByOrFail({ id: ingested.data.applicationId });
    expect([untouched.modelVersion, untouched.recommendation]).toEqual([1, 'recommended']);

    const outcome = await rescoreApplications(buildTestDeps(db.ds), { positionId: position.id });
    expect(outcome).toEqual({ modelVersion: 2, roundsRescored: 1, roundsSkipped: 0, recommendationChanges: 1 });
    const after = await db.ds.getRepository(Application).findOneByOrFail({ id: ingested.data.applicationId });
    expect([after.modelVersion, after.overallScore, after.recommendation]).toEqual([2, 76.7, 'not_recommended']);
    const records = await db.ds.getRepository(ScoreRecord).find({ order: { modelVersion: 'ASC' } });
    expect(records.map((r) => [r.modelVersion, r.reason, r.recommendation])).toEqual([[1, 'ingest', 'recommended'], [2, 'rescore', 'not_recommended']]);

    // Running it again does nothing: every round is on the current version.
    expect(await rescoreApplications(buildTestDeps(db.ds), { positionId: position.id })).toMatchObject({ roundsRescored: 0, roundsSkipped: 1 });
  });

  it('changes the overall score when weights change', async () => {
    const position = await createTestPosition(db.ds);
    const ingested = await ingestInterviewResult(buildTestDeps(db.ds), samplePayload());
    await publishEvaluationModel(buildTestDeps(db.ds), { positionId: position.id, model: { weights: { serviceAwareness: 1 }, passScore: 70 } });
    await rescoreApplications(buildTestDeps(db.ds), { positionId: position.id });
    const round = await db.ds.getRepository(InterviewRound).findOneByOrFail({ interviewId: ingested.data.interviewId });
    expect([round.overallScore, round.modelVersion]).toEqual([81, 2]);
  });

  it('refuses a model whose weights do not sum to 1', async () => {
    const position = await createTestPosition(db.ds);
    await expect(publishEvaluationModel(buildTestDeps(db.ds), { positionId: position.id, model: { weights: { serviceAwareness: 0.5 }, passScore: 70 } })).rejects.toThrow(/sum to 1/);
  });
});
