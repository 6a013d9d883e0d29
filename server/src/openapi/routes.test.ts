import request from 'supertest';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { buildTestApp } from '../../test/testApp.js';

describeEachDb('service endpoints', (db) => {
  it('serves the OpenAPI document with the payload schema generated from zod', async () => {
    const { server } = buildTestApp(db.ds);
    const res = await request(server).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const schema = res.body.components.schemas.InterviewResult;
    expect(schema.required).toEqual(expect.arrayContaining(['interviewId', 'positionCode', 'candidate', 'scenarios', 'startedAt', 'completedAt']));
    expect(schema.properties.scenarios.maxItems).toBe(50);
    expect(schema.required).not.toContain('batchId');
    expect(schema.properties.batchId.description).toContain('Asia/Shanghai (YYYY-MM-DD)');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/interview-results', '/api/v1/interview-results/{interviewId}/scenarios/{scenarioId}/recording', '/api/v1/applications', '/api/v1/positions/{code}/model', '/api/v1/applications/{id}/decision', '/api/v1/admin/outbox']));
  });

  it('documents the request-bound signature and the recording refusals', async () => {
    const { server } = buildTestApp(db.ds);
    const res = await request(server).get('/api/v1/openapi.json');
    const put = res.body.paths['/api/v1/interview-results/{interviewId}/scenarios/{scenarioId}/recording'].put;
    const signature = put.parameters.find((p: { name: string }) => p.name === 'X-Interview-Signature');
    expect(signature.description).toContain('<timestamp>.<METHOD>.<path with query>.<raw body bytes>');
    expect(put.responses[409].description).toContain('recording_locked');
    expect(put.responses[429].headers['Retry-After']).toBeDefined();
  });

  it('answers /healthz and /readyz when migrations are applied', async () => {
    const { server } = buildTestApp(db.ds);
    expect((await request(server).get('/healthz')).body).toEqual({ data: { status: 'ok' } });
    const ready = await request(server).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.data.status).toBe('ready');
  });

  it('answers unknown paths with 404 not_found in the error envelope', async () => {
    const { server } = buildTestApp(db.ds);
    const res = await request(server).get('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });
});
