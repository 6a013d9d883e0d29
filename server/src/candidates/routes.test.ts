import { randomUUID } from 'node:crypto';
import type { ApplicationSummary } from '@aireview/shared';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { Application, AuditEntry, InterviewRound, Review, StageChange } from '../platform/db/entities/index.js';
import { describeEachDb } from '../../test/db.js';
import { samplePayload } from '../../test/factories.js';
import { buildTestApp } from '../../test/testApp.js';
import { PEOPLE, attachRecording, bearer, createDemoPositions, ingestFile, insertPendingReview, insertUsers, type IngestedFile } from '../../test/fixtures.js';

/** Three interview times shared by many files, so pages must break ties on id. */
const TIMES = ['2026-11-20T10:25:00+08:00', '2026-11-21T09:00:00+08:00', '2026-11-21T23:30:00+08:00'];
const GENERAL_COUNT = 12;

/** The sample interview with every scenario score moved by `offset` points. */
function scoredPayload(index: number, offset: number) {
  const base = samplePayload();
  return {
    completedAt: TIMES[index % TIMES.length]!,
    startedAt: '2026-11-20T10:00:00+08:00',
    candidate: { externalId: `ext-list-${index}`, name: `候选人${index}`, phone: `1391234${String(index).padStart(4, '0')}`, source: index % 2 === 0 ? 'BOSS直聘' : '内推' },
    scenarios: base.scenarios.map((s) => ({
      ...s,
      scores: Object.fromEntries(Object.entries(s.scores).map(([d, v]) => [d, Math.max(0, Math.min(100, (v ?? 0) + offset))])),
    })),
  };
}

describeEachDb(
  'app API applications',
  (db) => {
    let built: ReturnType<typeof buildTestApp>;
    let files: IngestedFile[];
    let detailed: IngestedFile;
    let all: Application[];
    const get = async (path: string, viewer: keyof typeof PEOPLE = 'admin') => request(built.server).get(path).set(await bearer(built.deps, PEOPLE[viewer]));

    beforeAll(async () => {
      built = buildTestApp(db.ds);
      await insertUsers(db.ds);
      await createDemoPositions(db.ds);
      files = [];
      for (let i = 0; i < GENERAL_COUNT; i++) files.push(await ingestFile(db.ds, scoredPayload(i, (i % 4) * 6 - 12)));
      for (let i = 0; i < 3; i++) {
        files.push(await ingestFile(db.ds, { ...scoredPayload(100 + i, 0), positionCode: 'CS-FRESH', scenarios: samplePayload().scenarios.map((s) => ({ ...s, scores: { ...s.scores, productKnowledge: 80 } })) }));
      }
      files.push(await ingestFile(db.ds, { candidate: { externalId: 'ext-percent', name: '百分%之_百', phone: '13600000000', source: '校园' } }));
      detailed = files[0]!;
      all = await db.ds.getRepository(Application).find();
    });

    /** Every page of /api/v1/applications for `query`, following nextCursor. */
    async function allPages(query: string, viewer: keyof typeof PEOPLE = 'admin'): Promise<{ items: ApplicationSummary[]; pages: number }> {
      const items: ApplicationSummary[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(`/api/v1/applications?${query}${cursor ? `&cursor=${cursor}` : ''}`, viewer);
        expect(res.status).toBe(200);
        items.push(...res.body.data.items);
        cursor = res.body.data.nextCursor;
        pages += 1;
        expect(pages).toBeLessThan(50);
      } while (cursor);
      return { items, pages };
    }

    const expectedOrder = (rows: Application[]) =>
      [...rows].sort((a, b) => b.lastInterviewAt.getTime() - a.lastInterviewAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)).map((a) => a.id);

    describe('keyset pagination', () => {
      it('walks every file exactly once, newest interview first, ties broken by id', async () => {
        const { items, pages } = await allPages('limit=4');
        const ids = items.map((i) => i.applicationId);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toEqual(expectedOrder(all));
        expect(pages).toBe(Math.ceil(all.length / 4));
      });

      it('pages a filtered list the same way (page size 1 and 5)', async () => {
        const general = expectedOrder(all.filter((a) => a.positionId === all.find((x) => x.id === detailed.applicationId)!.positionId));
        for (const limit of [1, 5]) {
          expect((await allPages(`positionCode=CS-GENERAL&limit=${limit}`)).items.map((i) => i.applicationId)).toEqual(general);
        }
      });

      it('answers an empty page with no cursor past the end', async () => {
        const res = await get(`/api/v1/applications?limit=100`);
        expect(res.body.data.items).toHaveLength(all.length);
        expect(res.body.data.nextCursor).toBeNull();
      });
    });

    describe('filters', () => {
      it('by position, stage, batch and source', async () => {
        expect((await allPages('positionCode=CS-FRESH')).items).toHaveLength(3);
        expect((await allPages('positionCode=NOPE')).items).toHaveLength(0);
        expect((await allPages('stage=in_review')).items).toHaveLength(all.length);
        expect((await allPages('stage=rejected')).items).toHaveLength(0);
        const batch = (await allPages('batch=2026-11-21')).items;
        expect(batch.length).toBe(all.filter((a) => a.batch === '2026-11-21').length);
        expect(batch.every((i) => i.batch === '2026-11-21')).toBe(true);
        const referred = (await allPages(`source=${encodeURIComponent('内推')}`)).items;
        expect(referred.length).toBeGreaterThan(0);
        expect(referred.every((i) => i.source === '内推')).toBe(true);
      });

      it("lists the recruiting channels in the viewer's scope, most frequent first", async () => {
        expect((await get('/api/v1/applications/sources')).body.data).toEqual([
          { source: 'BOSS直聘', count: 8 },
          { source: '内推', count: 7 },
          { source: '校园', count: 1 },
        ]);
        expect((await get('/api/v1/applications/sources', 'supFresh')).body.data).toEqual([
          { source: 'BOSS直聘', count: 2 },
          { source: '内推', count: 1 },
        ]);
        expect((await get('/api/v1/applications/sources', 'staff')).body.data).toEqual([]);
        expect((await request(built.server).get('/api/v1/applications/sources')).status).toBe(401);
      });

      it('by score band (inclusive)', async () => {
        const scores = [...new Set(all.map((a) => a.overallScore))].sort((a, b) => a - b);
        expect(scores.length).toBeGreaterThan(2);
        const [min, max] = [scores[1]!, scores[scores.length - 2]!];
        const band = (await allPages(`scoreMin=${min}&scoreMax=${max}`)).items;
        expect(band.map((i) => i.applicationId).sort()).toEqual(all.filter((a) => a.overallScore >= min && a.overallScore <= max).map((a) => a.id).sort());
      });

      it('q: name contains, with LIKE wildcards taken literally', async () => {
        const names = (await allPages(`q=${encodeURIComponent('候选人1')}`)).items.map((i) => i.candidateName).sort();
        expect(names).toEqual(['候选人1', '候选人10', '候选人100', '候选人101', '候选人102', '候选人11']);
        expect((await allPages(`q=${encodeURIComponent('%')}`)).items.map((i) => i.candidateName)).toEqual(['百分%之_百']);
        expect((await allPages(`q=${encodeURIComponent('_')}`)).items.map((i) => i.candidateName)).toEqual(['百分%之_百']);
      });

      it('q: four or more digits search the phone number suffix', async () => {
        expect((await allPages('q=0007')).items.map((i) => i.candidateName)).toEqual(['候选人7']);
        expect((await allPages('q=12340007')).items.map((i) => i.candidateName)).toEqual(['候选人7']);
        expect((await allPages('q=1234')).items).toHaveLength(0);
      });

      it('q: phone suffix search works for supervisors too, within their scope', async () => {
        expect((await allPages('q=0007', 'supGeneral')).items.map((i) => i.phone)).toEqual(['139****0007']);
        expect((await allPages('q=0101', 'supGeneral')).items).toHaveLength(0);
        expect((await allPages('q=0101', 'supFresh')).items.map((i) => i.candidateName)).toEqual(['候选人101']);
      });
    });

    describe('bad input', () => {
      it.each([
        ['limit=0'],
        ['limit=101'],
        ['limit=abc'],
        ['stage=onboarded'],
        ['batch=2026%201%201'],
        [`batch=${'x'.repeat(65)}`],
        ['scoreMin=-1'],
        ['unknown=1'],
        ['stage=in_review&stage=rejected'],
        ['cursor=not-a-cursor'],
        [`cursor=${Buffer.from(JSON.stringify({ at: 'yesterday', id: 'x' })).toString('base64url')}`],
      ])('%s → 400 invalid_query', async (query) => {
        const res = await get(`/api/v1/applications?${query}`);
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('invalid_query');
      });

      it('lists the offending fields in details', async () => {
        const res = await get('/api/v1/applications?limit=0&stage=onboarded');
        expect(res.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['limit', 'stage']);
      });

      it('answers 404 not_found for unknown file and recording ids', async () => {
        for (const path of [`/api/v1/applications/${randomUUID()}`, '/api/v1/applications/nope', `/api/v1/recordings/${randomUUID()}`]) {
          const res = await get(path);
          expect(res.status).toBe(404);
          expect(res.body.error.code).toBe('not_found');
        }
      });

      it('answers 404 for a scenario without a recording', async () => {
        const res = await get(`/api/v1/recordings/${detailed.scenarioResultIds.angry_escalation}`);
        expect(res.status).toBe(404);
      });
    });

    describe('candidate file', () => {
      let reviewId: string;
      beforeAll(async () => {
        await attachRecording(db.ds, built.deps.storage, detailed, 'lost_parcel');
        // A second round (as after a supplementary test) whose review was decided by sup_general in the app.
        const first = await db.ds.getRepository(InterviewRound).findOneByOrFail({ id: detailed.roundId });
        const secondRoundId = randomUUID();
        await db.ds.getRepository(InterviewRound).insert({ ...first, id: secondRoundId, round: 2, interviewId: `${first.interviewId}-r2`, completedAt: new Date(first.completedAt.getTime() + 86_400_000) });
        await db.ds.getRepository(Application).update({ id: detailed.applicationId }, { currentRound: 2 });
        reviewId = await insertPendingReview(db.ds, detailed, ['sup_general', 'sup_dept101_absent'], new Date('2026-11-21T02:00:00Z'));
        const decidedAt = new Date('2026-11-22T03:00:00Z');
        await insertPendingReview(db.ds, { ...detailed, roundId: secondRoundId }, ['sup_general'], decidedAt).then((id) =>
          db.ds.getRepository(Review).update({ id }, { round: 2, status: 'decided', decision: 'agree', decisionSource: 'app', decidedByUserId: 'sup_general', decidedAt, remark: '表现不错', agreedWithAi: true, createdAt: decidedAt }),
        );
        await db.ds.getRepository(StageChange).insert({
          id: randomUUID(),
          applicationId: detailed.applicationId,
          fromStage: 'in_review',
          toStage: 'supplementary_test',
          actorType: 'user',
          actorId: 'sup_general',
          reason: '补充测试',
          roundId: detailed.roundId,
          createdAt: new Date(Date.now() + 1000),
        });
      });

      it('has every round with its scenarios, the lowest and slow ones marked, recordings linked', async () => {
        const res = await get(`/api/v1/applications/${detailed.applicationId}`);
        expect(res.status).toBe(200);
        const file = res.body.data;
        expect(file.rounds.map((r: { round: number }) => r.round)).toEqual([1, 2]);
        const [lost, angry] = file.rounds[0].scenarios;
        expect(lost).toMatchObject({ scenarioId: 'lost_parcel', slow: false, lowest: false, recordingUrl: `/api/v1/recordings/${detailed.scenarioResultIds.lost_parcel}` });
        expect(angry).toMatchObject({ scenarioId: 'angry_escalation', slow: true, lowest: true, recordingUrl: null, responseLatencyMs: 34_000 });
        expect(angry.averageScore).toBeLessThan(lost.averageScore);
        expect(file.rounds[0].report).toMatchObject({ summary: expect.any(String), strengths: expect.any(Array), risks: expect.any(Array) });
        expect(file.rounds[0].latency).toMatchObject({ scenarioCount: 2, thresholdSec: 30 });
        expect(file.position).toEqual({ code: 'CS-GENERAL', name: '综合电商客服', departmentId: 101 });
        expect(file.model).toMatchObject({ version: 1, passScore: 70 });
        expect(file.application).toMatchObject({ applicationId: detailed.applicationId, candidateName: '候选人0', round: 2 });
      });

      it('resolves stage-history actors and review deciders to names; reviews newest first', async () => {
        const file = (await get(`/api/v1/applications/${detailed.applicationId}`)).body.data;
        expect(file.stageHistory.map((s: { to: string; actorName: string | null }) => [s.to, s.actorName])).toEqual([
          ['ai_interviewed', null],
          ['in_review', null],
          ['supplementary_test', '张伟'],
        ]);
        expect(file.reviews.map((r: { round: number; status: string; decidedByName: string | null }) => [r.round, r.status, r.decidedByName])).toEqual([
          [2, 'decided', '张伟'],
          [1, 'pending', null],
        ]);
        expect(file.reviews[1].reviewId).toBe(reviewId);
      });

      it('canDecide only for an approver of the open review', async () => {
        expect((await get(`/api/v1/applications/${detailed.applicationId}`, 'supGeneral')).body.data.canDecide).toBe(true);
        expect((await get(`/api/v1/applications/${detailed.applicationId}`, 'supDept101')).body.data.canDecide).toBe(false);
        expect((await get(`/api/v1/applications/${detailed.applicationId}`, 'hr')).body.data.canDecide).toBe(false);
      });

      it('audits every view (application.viewed), and nothing for a refused one', async () => {
        const audits = () => db.ds.getRepository(AuditEntry).findBy({ action: 'application.viewed', subjectId: detailed.applicationId, actorId: 'sup_dept101' });
        const before = (await audits()).length;
        await get(`/api/v1/applications/${detailed.applicationId}`, 'supDept101');
        const after = await audits();
        expect(after).toHaveLength(before + 1);
        expect(after.at(-1)).toMatchObject({ actorType: 'user', subjectType: 'application' });
        await get(`/api/v1/applications/${detailed.applicationId}`, 'supFresh');
        expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'application.viewed', actorId: 'sup_fresh' })).toBe(0);
      });

      it('lists the open review for its approver with the waiting time', async () => {
        const res = await get('/api/v1/reviews/pending', 'supGeneral');
        expect(res.body.data.count).toBe(1);
        const [item] = res.body.data.items;
        expect(item).toMatchObject({ reviewId, startedAt: '2026-11-21T02:00:00.000Z', application: { applicationId: detailed.applicationId, phone: '139****0000' } });
        expect(item.waitingHours).toBe(Math.floor((Date.now() - Date.parse('2026-11-21T02:00:00Z')) / 3_600_000));
      });
    });
  },
  { clearEach: false },
);
