import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import Koa from 'koa';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { Candidate } from './db/entities/index.js';
import { errorHandler } from './http/errorHandler.js';
import { createLogger, scrubText } from './logger.js';

const PHONE = '13812348000';
const EMAIL = 'wang.xiaoming@example.com';

/** A logger writing JSON lines into memory, as the server's logger writes them to stdout. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { log: createLogger('info', 'test', { destination }), text: () => lines.join('\n'), entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describeEachDb('error logs carry no SQL parameters or contact details', (db) => {
  /** A candidate whose external id is the phone number, so a duplicate insert fails with it among the parameters (and, on MySQL, in the message). */
  const insertCandidate = () =>
    db.ds.getRepository(Candidate).insert({ id: randomUUID(), externalId: PHONE, name: '王小明', phone: PHONE, email: EMAIL, source: null, createdAt: new Date(), updatedAt: new Date() });

  it('a failing query reaching the error middleware is logged with its message, without its parameters', async () => {
    await insertCandidate();
    const captured = capturedLogger();
    const app = new Koa();
    app.use(errorHandler(captured.log));
    app.use(async () => {
      await insertCandidate();
    });

    const res = await request(app.callback()).post('/api/v1/anything');

    expect([res.status, res.body.error.code]).toEqual([500, 'internal_error']);
    const [entry, ...others] = captured.entries();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ level: 50, msg: 'unhandled error', path: '/api/v1/anything', err: { type: 'QueryFailedError' } });
    const err = entry!.err as Record<string, unknown>;
    expect(String(err.message)).toMatch(db.dialect === 'sqlite' ? /UNIQUE constraint failed: candidates\.externalId/ : /Duplicate entry '\[redacted\]' for key/);
    expect(String(err.query)).toMatch(/INSERT INTO/);
    expect(err).not.toHaveProperty('parameters');
    expect(err).not.toHaveProperty('driverError');
    expect(err).not.toHaveProperty('sql');
    expect(captured.text()).not.toContain(PHONE);
    expect(captured.text()).not.toContain(EMAIL);
    expect(captured.text()).not.toContain('王小明');
  });

  it('a QueryFailedError logged anywhere else drops its parameters too', async () => {
    const captured = capturedLogger();
    const at = '2026-11-21 10:00:00';
    const error = await db.ds
      .query('INSERT INTO candidates (id, externalId, name, phone, email, createdAt, updatedAt) VALUES (?, ?, NULL, ?, ?, ?, ?)', [randomUUID(), null, PHONE, EMAIL, at, at])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryFailedError);
    expect((error as QueryFailedError).parameters).toContain(PHONE);

    captured.log.child({ module: 'worker' }).warn({ err: error }, 'delivery failed');

    const [entry] = captured.entries();
    expect(entry).toMatchObject({ msg: 'delivery failed', err: { type: 'QueryFailedError' } });
    expect(String((entry!.err as { message: string }).message)).toMatch(/name/);
    expect(captured.text()).not.toContain(PHONE);
    expect(captured.text()).not.toContain(EMAIL);
  });
});

describe('scrubText', () => {
  it('takes phone numbers and e-mail addresses out of messages, and leaves the rest', () => {
    expect(scrubText(`user ${EMAIL} called from +8613812348000 and 138-1234-8000 on 2026-11-21 at port 3306`)).toBe(
      'user [email] called from [number] and [number] on 2026-11-21 at port 3306',
    );
    expect(scrubText("Duplicate entry '王小明-13812348000' for key 'UQ_x'")).toBe("Duplicate entry '[redacted]' for key 'UQ_x'");
  });
});
