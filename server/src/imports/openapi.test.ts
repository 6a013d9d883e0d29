import request from 'supertest';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { buildTestApp } from '../../test/testApp.js';

describeEachDb('imports in the OpenAPI document', (db) => {
  it('documents both signed imports with their limits and every rejection code, and the HR upload', async () => {
    const { server } = buildTestApp(db.ds);
    const res = await request(server).get('/api/v1/openapi.json');
    const history = res.body.paths['/api/v1/imports/interview-history'].post;
    expect(history.parameters.map((p: { name: string }) => p.name)).toEqual(['X-Interview-Timestamp', 'X-Interview-Signature']);
    for (const code of ['invalid_record', 'unknown_position', 'missing_dimension', 'interview_conflict']) expect(history.responses[200].description).toContain(code);
    expect(Object.keys(history.responses).sort()).toEqual(['200', '400', '401', '413', '415', '422']);
    const performance = res.body.paths['/api/v1/performance-records'].post;
    for (const code of ['invalid_record', 'unknown_employee', 'ambiguous_employee']) expect(performance.responses[200].description).toContain(code);
    const schemas = res.body.components.schemas;
    expect(schemas.HistoryImport.properties.records.maxItems).toBe(500);
    expect(schemas.HistoryImport.properties.records.items.required).toEqual(['interview', 'outcome']);
    expect(schemas.PerformanceImport.properties.records.maxItems).toBe(5000);
    expect(schemas.PerformanceImport.properties.records.items.properties.period.pattern).toBe('^\\d{4}-(0[1-9]|1[0-2])$');
    expect(res.body.paths['/api/v1/performance-records/upload'].post.requestBody.content).toHaveProperty('text/csv');
  });
});
