import { ApplicationListQuerySchema, LoginInputSchema, PublishModelInputSchema, SandboxCodeInputSchema, SESSION_COOKIE } from '@aireview/shared';
import { z } from 'zod';

/**
 * The H5 app's endpoints for the OpenAPI document (paths only; response bodies are the TypeScript
 * types in shared/src/api.ts). Request bodies and query parameters are generated from the zod schemas.
 */
const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: json(schema) } } });
const error = (description: string, codes: string[]) => ({
  description: `${description} — error.code: ${codes.join(', ')}`,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
const ok = (description: string) => ({ description: `{ data: ${description} }` });
const session = [{ sessionCookie: [] }, { bearerToken: [] }];
const unauthenticated = error('No, invalid or expired session', ['unauthenticated']);
const pathParam = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });

function queryParams() {
  const schema = json(ApplicationListQuerySchema) as { properties: Record<string, unknown> };
  return Object.entries(schema.properties).map(([name, property]) => ({ name, in: 'query', required: false, schema: property }));
}

export function appApiPaths() {
  return {
    '/api/v1/auth/dingtalk': {
      post: {
        operationId: 'login',
        summary: 'DingTalk 免登: exchange a login code for a session (also set as an httpOnly cookie)',
        requestBody: body(LoginInputSchema),
        responses: { 200: ok('SessionInfo with token'), 401: error('Bad, used or expired code', ['bad_auth_code']), 422: error('Body invalid', ['invalid_payload']), 502: error('DingTalk refused', ['dingtalk_unavailable']), 503: error('DingTalk unreachable', ['dingtalk_unavailable']) },
      },
    },
    '/api/v1/auth/logout': { post: { operationId: 'logout', summary: 'Clear the session cookie', responses: { 200: ok('null') } } },
    '/api/v1/auth/sandbox-code': {
      post: {
        operationId: 'sandboxLoginCode',
        summary: 'Sandbox mode only: a login code for a demo user',
        requestBody: body(SandboxCodeInputSchema),
        responses: { 200: ok('{ code }'), 404: error('Not in sandbox mode, or no such demo user', ['not_found']), 503: error('Sandbox unreachable', ['dingtalk_unavailable']) },
      },
    },
    '/api/v1/me': { get: { operationId: 'getMe', summary: 'The current session', security: session, responses: { 200: ok('SessionInfo'), 401: unauthenticated } } },
    '/api/v1/client-config': { get: { operationId: 'getClientConfig', summary: 'What the app needs before login', responses: { 200: ok('ClientConfig') } } },
    '/api/v1/applications': {
      get: {
        operationId: 'listApplications',
        summary: 'Candidate files in the viewer’s scope, newest interview first (keyset pagination)',
        security: session,
        parameters: queryParams(),
        responses: { 200: ok('Page<ApplicationSummary>'), 400: error('Invalid query or cursor', ['invalid_query']), 401: unauthenticated },
      },
    },
    '/api/v1/applications/{id}': {
      get: {
        operationId: 'getApplicationFile',
        summary: 'One candidate file (audited as application.viewed)',
        security: session,
        parameters: [pathParam('id')],
        responses: { 200: ok('ApplicationFile'), 401: unauthenticated, 404: error('Unknown or outside the viewer’s scope', ['not_found']) },
      },
    },
    '/api/v1/reviews/pending': {
      get: { operationId: 'listPendingReviews', summary: 'The viewer’s open reviews, oldest first', security: session, responses: { 200: ok('{ items: PendingReview[], count }'), 401: unauthenticated } },
    },
    '/api/v1/recordings/{scenarioResultId}': {
      get: {
        operationId: 'getRecording',
        summary: 'A scenario recording; single byte ranges supported (audited as recording.played from byte 0)',
        security: session,
        parameters: [pathParam('scenarioResultId'), { name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=0-' } }],
        responses: {
          200: { description: 'The whole recording', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
          206: { description: 'The requested range (Content-Range)', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
          401: unauthenticated,
          404: error('Unknown, without recording, or outside the viewer’s scope', ['not_found']),
          416: error('Range outside the recording', ['range_not_satisfiable']),
        },
      },
    },
    '/api/v1/positions': { get: { operationId: 'listPositions', summary: 'Positions with their current persona', security: session, responses: { 200: ok('PositionView[]'), 401: unauthenticated } } },
    '/api/v1/positions/{code}/models': {
      get: {
        operationId: 'listModelVersions',
        summary: 'A position’s persona versions, newest first',
        security: session,
        parameters: [pathParam('code')],
        responses: { 200: ok('ModelVersionView[]'), 401: unauthenticated, 404: error('Unknown position', ['not_found']) },
      },
    },
    '/api/v1/positions/{code}/model': {
      put: {
        operationId: 'publishModel',
        summary: 'Publish a new persona version (HR and admin), optionally re-scoring existing rounds',
        security: session,
        parameters: [pathParam('code')],
        requestBody: body(PublishModelInputSchema),
        responses: {
          200: ok('PublishModelResult'),
          401: unauthenticated,
          403: error('Not HR or admin', ['forbidden']),
          404: error('Unknown position', ['not_found']),
          409: error('Another version was published since expectedVersion', ['concurrent_update']),
          422: error('Persona invalid (details lists field paths)', ['invalid_payload']),
        },
      },
    },
  };
}

export const appApiSecuritySchemes = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
  bearerToken: { type: 'http', scheme: 'bearer', description: 'The `token` returned at login' },
};
