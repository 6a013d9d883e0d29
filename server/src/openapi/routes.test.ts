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
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/interview-results', '/api/v1/interview-results/{interviewId}/scenarios/{scenarioId}/recording', '/api/v1/applications', '/api/v1/positions/{code}/model', '/api/v1/applications/{id}/decision', '/api/v1/admin/outbox', '/api/v1/positions/{code}/training-rules', '/api/v1/training-completions', '/api/v1/applications/{id}/retake', '/api/v1/applications/{id}/fast-track']));
    expect(res.body.paths['/api/v1/training-completions'].post.requestBody.content['application/json'].schema.anyOf).toHaveLength(2);
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

  it('documents the 数据看板 endpoints with their filters and the consent-gated demographics', async () => {
    const { server } = buildTestApp(db.ds);
    const res = await request(server).get('/api/v1/openapi.json');
    const names = (path: string, method = 'get') => res.body.paths[path][method].parameters.map((p: { name: string }) => p.name);
    expect(names('/api/v1/reports/summary')).toEqual(expect.arrayContaining(['positionCode', 'from', 'to', 'batch', 'source']));
    expect(names('/api/v1/reports/alerts')).toEqual(expect.arrayContaining(['positionCode', 'from', 'to']));
    expect(res.body.paths['/api/v1/reports/alerts'].get.summary).toContain('batch_below_threshold');
    expect(res.body.paths['/api/v1/reports/fairness'].get.responses[403]).toBeDefined();
    expect(res.body.paths['/api/v1/reports/alert-settings/{positionCode}'].put.requestBody.content['application/json'].schema.properties.belowScore).toBeDefined();
    const candidate = res.body.components.schemas.InterviewResult.properties.candidate;
    expect(candidate.properties.gender.enum).toEqual(['female', 'male', 'unspecified']);
    expect(candidate.properties.consent.properties.demographics).toBeDefined();
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
