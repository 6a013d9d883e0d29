import { ApplyCalibrationInputSchema, ApplicationListQuerySchema, CALIBRATION_OUTCOMES, CalibrationSettingsInputSchema, DecisionInputSchema, LoginInputSchema, OutcomeInputSchema, PublishModelInputSchema, SandboxCodeInputSchema, SESSION_COOKIE } from '@aireview/shared';
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
        summary:
          'Candidate files in the viewer’s scope, newest interview first (keyset pagination). q: name contains, or 4+ digits a phone suffix (supervisors: exactly the last four digits); every request with q is audited as applications.searched',
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
    '/api/v1/applications/sources': {
      get: { operationId: 'listSources', summary: 'Recruiting channels in the viewer’s scope, most frequent first', security: session, responses: { 200: ok('{ source, count }[]'), 401: unauthenticated } },
    },
    '/api/v1/applications/{id}/decision': {
      post: {
        operationId: 'decide',
        summary: '通过 / 不通过 / 补充测试 by an approver of the open review (also executes the DingTalk task)',
        security: session,
        parameters: [pathParam('id')],
        requestBody: body(DecisionInputSchema),
        responses: {
          200: ok('DecisionResult (outcome "unchanged" when the same decision was already recorded)'),
          400: error('Body is not JSON', ['malformed_json']),
          401: unauthenticated,
          403: error('Not an approver of this review', ['not_an_approver']),
          404: error('Unknown or outside the viewer’s scope', ['not_found']),
          409: error('Decided differently already, or no open review', ['already_decided', 'review_not_open', 'concurrent_update']),
          415: error('Not application/json', ['unsupported_media_type']),
          422: error('Invalid decision (details lists field paths)', ['invalid_payload']),
        },
      },
    },
    '/api/v1/applications/{id}/outcome': {
      post: {
        operationId: 'recordOutcome',
        summary: 'HR/admin: the 复试 outcome — hired (with onboardingDate; creates the DingTalk 智能人事 pre-entry), rejected or withdrawn (audited as application.outcome_recorded)',
        security: session,
        parameters: [pathParam('id')],
        requestBody: body(OutcomeInputSchema),
        responses: {
          200: ok('OutcomeResult { applicationId, stage, onboardingDate }'),
          400: error('Body is not JSON', ['malformed_json']),
          401: unauthenticated,
          403: error('In scope but not HR or admin', ['forbidden']),
          404: error('Unknown or outside the viewer’s scope', ['not_found']),
          409: error('Not in 复试 (e.g. still in review, or an outcome already recorded)', ['illegal_transition']),
          415: error('Not application/json', ['unsupported_media_type']),
          422: error('Invalid outcome (hired without onboardingDate, a date that does not exist …)', ['invalid_payload']),
        },
      },
    },
    '/api/v1/admin/outbox': {
      get: {
        operationId: 'listOutbox',
        summary: 'Admins: outbox counts by status and the rows of one status (default failed) with their last error',
        security: session,
        parameters: [
          { name: 'status', in: 'query', required: false, schema: { type: 'string', enum: ['pending', 'delivered', 'failed'] } },
          { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } },
        ],
        responses: { 200: ok('{ counts, items }'), 401: unauthenticated, 403: error('Not an admin', ['forbidden']) },
      },
    },
    '/api/v1/admin/outbox/{id}/retry': {
      post: {
        operationId: 'retryOutbox',
        summary: 'Admins: put a failed delivery back in the queue (audited)',
        security: session,
        parameters: [pathParam('id')],
        responses: { 200: ok('the row'), 401: unauthenticated, 403: error('Not an admin', ['forbidden']), 404: error('Unknown id', ['not_found']), 409: error('Not failed', ['illegal_transition']) },
      },
    },
    '/api/v1/performance-records/upload': {
      post: {
        operationId: 'uploadPerformanceSheet',
        summary: 'HR/admins: upload a CSV or xlsx sheet of monthly performance (headings 工号/employeeId, 候选人编号/candidateExternalId, 手机/phone, 月份/period, 满意度/satisfaction, 解决率/resolutionRate, 质检分/qaScore); raw file body, at most 10 MiB',
        security: session,
        requestBody: {
          required: true,
          content: { 'text/csv': { schema: { type: 'string' } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
        },
        responses: {
          200: ok('{ accepted, replayed, rejected: [{ index, row, code, message, details? }] } — rejected[].code: invalid_record, unknown_employee, ambiguous_employee'),
          401: unauthenticated,
          403: error('Not HR or admin', ['forbidden']),
          413: error('File over 10 MiB', ['payload_too_large']),
          415: error('Neither text/csv nor xlsx', ['unsupported_media_type']),
          422: error('Unreadable file, or no 月份/period heading in the first row', ['invalid_payload']),
        },
      },
    },
    '/api/v1/reviews/pending': {
      get: { operationId: 'listPendingReviews', summary: 'The viewer’s open reviews, oldest first', security: session, responses: { 200: ok('{ items: PendingReview[], count }'), 401: unauthenticated } },
    },
    '/api/v1/recordings/{scenarioResultId}/link': {
      get: {
        operationId: 'getRecordingLink',
        summary: 'A URL for <audio src> valid for 5 minutes, for this recording and the signed-in user only (HMAC-signed)',
        security: session,
        parameters: [pathParam('scenarioResultId')],
        responses: {
          200: ok('{ url: "/api/v1/recordings/{id}?u=<userId>&exp=<unix seconds>&sig=<hex>", expiresAt }'),
          401: unauthenticated,
          404: error('Unknown, without recording, or outside the viewer’s scope', ['not_found']),
        },
      },
    },
    '/api/v1/recordings/{scenarioResultId}': {
      get: {
        operationId: 'getRecording',
        summary:
          'A scenario recording; single byte ranges supported. With a session (cookie or Bearer), or with the u/exp/sig of a link from …/link (then the link decides); never a token in the URL. Audited as recording.played once per user and recording per 10 minutes, whatever the range; HEAD is not',
        security: [...session, {}],
        parameters: [
          pathParam('scenarioResultId'),
          { name: 'u', in: 'query', required: false, description: 'Link: the user it was signed for', schema: { type: 'string' } },
          { name: 'exp', in: 'query', required: false, description: 'Link: expiry, Unix seconds', schema: { type: 'string', pattern: '^\\d+$' } },
          { name: 'sig', in: 'query', required: false, description: 'Link: HMAC-SHA256, lower-case hex', schema: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
          { name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=0-' } },
        ],
        responses: {
          200: { description: 'The whole recording', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
          206: { description: 'The requested range (Content-Range)', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
          401: error('No session and no link, or the link expired (fetch a new one)', ['unauthenticated', 'link_expired']),
          403: error('Link tampered with, signed for another recording, or its user no longer exists', ['bad_link']),
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
    '/api/v1/positions/{code}/calibration': {
      get: {
        operationId: 'getCalibration',
        summary:
          'HR and admin: per-dimension Pearson/Spearman with Fisher-z 95 % intervals against one outcome over the position’s hires (hired or left, imported included), the current weights’ validity and 30 % hold-out validity, and recommended weights (NNLS on the training split, shrunk towards the current weights) or null with reasonCode insufficient_n / no_signal; rangeRestricted says the figures come from hires only',
        security: session,
        parameters: [pathParam('code'), { name: 'outcome', in: 'query', required: true, schema: { type: 'string', enum: [...CALIBRATION_OUTCOMES] } }],
        responses: { 200: ok('CalibrationView'), 400: error('Missing or unknown outcome', ['invalid_query']), 401: unauthenticated, 403: error('Not HR or admin', ['forbidden']), 404: error('Unknown position', ['not_found']) },
      },
    },
    '/api/v1/positions/{code}/calibration/settings': {
      put: {
        operationId: 'updateCalibrationSettings',
        summary: 'HR and admin: the hires with an outcome the position needs before a recommendation (default 160; audited as calibration.settings_updated)',
        security: session,
        parameters: [pathParam('code')],
        requestBody: body(CalibrationSettingsInputSchema),
        responses: { 200: ok('CalibrationSettingsView'), 401: unauthenticated, 403: error('Not HR or admin', ['forbidden']), 404: error('Unknown position', ['not_found']), 422: error('minimumN outside 20..100000', ['invalid_payload']) },
      },
    },
    '/api/v1/positions/{code}/calibration/apply': {
      post: {
        operationId: 'applyCalibration',
        summary:
          'HR and admin: recompute the recommendation on the server and publish its weights as a new persona version (pass score, floors and scenarios unchanged), optionally re-scoring; audited as calibration.applied (who, outcome, n, hold-out validities) and persona.published',
        security: session,
        parameters: [pathParam('code')],
        requestBody: body(ApplyCalibrationInputSchema),
        responses: {
          200: ok('ApplyCalibrationResult'),
          401: unauthenticated,
          403: error('Not HR or admin', ['forbidden']),
          404: error('Unknown position', ['not_found']),
          409: error('Another version was published since expectedVersion, or there is no recommendation (details: reasonCode, n, minimumN)', ['concurrent_update', 'no_recommendation']),
          422: error('Body invalid', ['invalid_payload']),
        },
      },
    },
  };
}

export const appApiSecuritySchemes = {
  sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
  bearerToken: { type: 'http', scheme: 'bearer', description: 'The `token` returned at login' },
};
