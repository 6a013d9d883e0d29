import type { SessionUser } from '@aireview/shared';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { GENERAL_MODEL } from '../factories.js';
import { describeEachDb } from '../db.js';
import { buildTestApp } from '../testApp.js';
import { PEOPLE, attachRecording, bearer, binary, createDemoPositions, ingestFile, insertPendingReview, insertUsers, type IngestedFile } from '../fixtures.js';

/**
 * Who may see and do what, role by role. A CS-GENERAL file (dept 101, supervised by sup_general)
 * and a CS-FRESH file (dept 102, sup_fresh); sup_general is the approver of the general file's review.
 */
type Viewer = keyof typeof PEOPLE | 'anonymous';
type Resource = 'list' | 'file' | 'recording' | 'pending' | 'personas' | 'personaWrite';

const MATRIX: Record<Viewer, Record<Resource, number> & { sees: number; pendingCount: number }> = {
  admin: { list: 200, file: 200, recording: 200, pending: 200, personas: 200, personaWrite: 200, sees: 2, pendingCount: 0 },
  hr: { list: 200, file: 200, recording: 200, pending: 200, personas: 200, personaWrite: 200, sees: 2, pendingCount: 0 },
  supGeneral: { list: 200, file: 200, recording: 200, pending: 200, personas: 200, personaWrite: 403, sees: 1, pendingCount: 1 },
  supDept101: { list: 200, file: 200, recording: 200, pending: 200, personas: 200, personaWrite: 403, sees: 1, pendingCount: 0 },
  supFresh: { list: 200, file: 404, recording: 404, pending: 200, personas: 200, personaWrite: 403, sees: 1, pendingCount: 0 },
  staff: { list: 200, file: 404, recording: 404, pending: 200, personas: 200, personaWrite: 403, sees: 0, pendingCount: 0 },
  anonymous: { list: 401, file: 401, recording: 401, pending: 401, personas: 401, personaWrite: 401, sees: 0, pendingCount: 0 },
};

describeEachDb(
  'app API access',
  (db) => {
    let built: ReturnType<typeof buildTestApp>;
    let general: IngestedFile;
    let recordingId: string;

    beforeAll(async () => {
      built = buildTestApp(db.ds);
      // supertest may close its socket before the server sees a streamed response finish; Koa would print that race.
      built.app.silent = true;
      await insertUsers(db.ds);
      await createDemoPositions(db.ds);
      general = await ingestFile(db.ds, { candidate: { externalId: 'ext-access-1', name: '刘晓燕', phone: '13912345678', email: 'xiaoyan.liu@example.com', source: 'BOSS直聘' } });
      await ingestFile(db.ds, { positionCode: 'CS-FRESH', candidate: { externalId: 'ext-access-2', name: '孙丽', phone: '13787654321', source: '内推' } });
      await attachRecording(db.ds, built.deps.storage, general, 'lost_parcel');
      recordingId = general.scenarioResultIds.lost_parcel!;
      await insertPendingReview(db.ds, general, ['sup_general']);
    });

    const send = async (viewer: Viewer, resource: Resource) => {
      const headers = viewer === 'anonymous' ? {} : await bearer(built.deps, PEOPLE[viewer] as SessionUser);
      const agent = request(built.server);
      switch (resource) {
        case 'list':
          return agent.get('/api/v1/applications').set(headers);
        case 'file':
          return agent.get(`/api/v1/applications/${general.applicationId}`).set(headers);
        case 'recording':
          return agent.get(`/api/v1/recordings/${recordingId}`).set(headers).buffer(true).parse(binary);
        case 'pending':
          return agent.get('/api/v1/reviews/pending').set(headers);
        case 'personas':
          return agent.get('/api/v1/positions').set(headers);
        case 'personaWrite':
          return agent.put('/api/v1/positions/CS-GENERAL/model').set(headers).send({ model: GENERAL_MODEL, note: '矩阵测试' });
      }
    };

    const cases = Object.entries(MATRIX).flatMap(([viewer, expected]) =>
      (['list', 'file', 'recording', 'pending', 'personas', 'personaWrite'] as const).map((resource) => ({ viewer: viewer as Viewer, resource, status: expected[resource] })),
    );

    it.each(cases)('$viewer → $resource: $status', async ({ viewer, resource, status }) => {
      const res = await send(viewer, resource);
      expect(res.status).toBe(status);
      const error = Buffer.isBuffer(res.body) && status >= 400 ? JSON.parse(res.body.toString('utf8')).error : res.body.error;
      if (status === 401) expect(error.code).toBe('unauthenticated');
      if (status === 403) expect(error.code).toBe('forbidden');
      if (status === 404) expect(error.code).toBe('not_found');
    });

    describe('visibility', () => {
      it.each(Object.entries(MATRIX).filter(([viewer]) => viewer !== 'anonymous'))('%s sees only the files in scope and their own pending reviews', async (viewer, expected) => {
        const list = await send(viewer as Viewer, 'list');
        expect(list.body.data.items).toHaveLength(expected.sees);
        const pending = await send(viewer as Viewer, 'pending');
        expect(pending.body.data.count).toBe(expected.pendingCount);
        expect(pending.body.data.items).toHaveLength(expected.pendingCount);
      });

      it('a supervisor sees only the positions they supervise or their department owns', async () => {
        const codes = async (viewer: Viewer) => (await send(viewer, 'list')).body.data.items.map((i: { positionCode: string }) => i.positionCode);
        expect(await codes('supGeneral')).toEqual(['CS-GENERAL']);
        expect(await codes('supDept101')).toEqual(['CS-GENERAL']);
        expect(await codes('supFresh')).toEqual(['CS-FRESH']);
      });
    });

    describe('masking', () => {
      it('supervisors get masked phone numbers and e-mail addresses; HR and admin the full ones', async () => {
        const supervisor = await send('supGeneral', 'file');
        expect(supervisor.body.data.candidate.phone).toBe('139****5678');
        expect(supervisor.body.data.candidate.email).toBe('x***@example.com');
        expect(supervisor.body.data.application.phone).toBe('139****5678');
        const supervisorList = await send('supGeneral', 'list');
        expect(supervisorList.body.data.items[0].phone).toBe('139****5678');

        for (const viewer of ['hr', 'admin'] as const) {
          const full = await send(viewer, 'file');
          expect(full.body.data.candidate.phone).toBe('13912345678');
          expect(full.body.data.candidate.email).toBe('xiaoyan.liu@example.com');
          const list = await send(viewer, 'list');
          expect(list.body.data.items.map((i: { phone: string }) => i.phone)).toContain('13912345678');
        }
      });

      it('never puts an unmasked phone number anywhere in a supervisor\'s responses', async () => {
        for (const resource of ['list', 'file', 'pending'] as const) {
          const res = await send('supGeneral', resource);
          expect(JSON.stringify(res.body)).not.toContain('13912345678');
        }
      });
    });
  },
  { clearEach: false },
);
