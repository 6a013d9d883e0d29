import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { AuditEntry, OutboxMessage } from '../platform/db/entities/index.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { deliverDueMessages } from '../platform/outbox/worker.js';
import { createLogger } from '../platform/logger.js';
import { describeEachDb } from '../../test/db.js';
import { buildTestApp } from '../../test/testApp.js';
import { PEOPLE, bearer, insertUsers } from '../../test/fixtures.js';

describeEachDb('admin: failed outbox deliveries', (db) => {
  let app: ReturnType<typeof buildTestApp>;
  beforeEach(async () => {
    await insertUsers(db.ds);
    app = buildTestApp(db.ds);
    // A delivery that fails for good: no handler knows its kind.
    await db.ds.transaction((em) => enqueue(em, { kind: 'vendor.unknown', payload: { requestId: 'r-1' } }, new Date()));
    await deliverDueMessages({ ds: db.ds, log: createLogger('silent'), handlers: {}, workerId: 'test' });
  });

  it('shows admins the failed rows with their last error, and nobody else', async () => {
    const res = await request(app.server).get('/api/v1/admin/outbox').set(await bearer(app.deps, PEOPLE.admin));
    expect(res.status).toBe(200);
    expect(res.body.data.counts).toEqual({ pending: 0, delivered: 0, failed: 1 });
    expect(res.body.data.items[0]).toMatchObject({ kind: 'vendor.unknown', status: 'failed', attempts: 1, lastError: expect.stringContaining('no handler') });
    for (const who of [PEOPLE.hr, PEOPLE.supGeneral, PEOPLE.staff]) {
      expect((await request(app.server).get('/api/v1/admin/outbox').set(await bearer(app.deps, who))).body.error.code).toBe('forbidden');
    }
    expect((await request(app.server).get('/api/v1/admin/outbox')).status).toBe(401);
    expect((await request(app.server).get('/api/v1/admin/outbox?status=lost').set(await bearer(app.deps, PEOPLE.admin))).body.error.code).toBe('invalid_query');
  });

  it('puts a failed row back in the queue once, audited', async () => {
    const [row] = await db.ds.getRepository(OutboxMessage).findBy({ status: 'failed' });
    const res = await request(app.server).post(`/api/v1/admin/outbox/${row!.id}/retry`).set(await bearer(app.deps, PEOPLE.admin));
    expect(res.body.data).toMatchObject({ id: row!.id, status: 'pending', attempts: 0 });
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'outbox.retried', subjectId: row!.id, actorId: 'admin01' })).toBe(1);
    expect(app.deps.wakes()).toBe(1);
    const again = await request(app.server).post(`/api/v1/admin/outbox/${row!.id}/retry`).set(await bearer(app.deps, PEOPLE.admin));
    expect(again.status).toBe(409);
    expect((await request(app.server).post('/api/v1/admin/outbox/nope/retry').set(await bearer(app.deps, PEOPLE.admin))).status).toBe(404);
  });
});
