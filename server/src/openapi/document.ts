import { ALERT_KINDS, AlertQuerySchema, AlertSettingsInputSchema, AssignmentStatusInputSchema, ERROR_CODES, FastTrackInputSchema, RetakeInputSchema, TrainingCompletionInputSchema, TrainingRulesInputSchema, HistoryRecordSchema, IMPORT_LIMITS, INGEST_LIMITS, InterviewResultSchema, PerformanceInputSchema, RECORDING_TYPES, ReportExportQuerySchema, ReportQuerySchema, XLSX_MEDIA_TYPE } from '@aireview/shared';
import { z } from 'zod';
import { appApiPaths, appApiSecuritySchemes } from './appApi.js';

const jsonSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });

const errorResponse = (description: string, codes: string[]) => ({
  description: `${description} — error.code: ${codes.join(', ')}`,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const signatureParams = [
  {
    name: 'X-Interview-Timestamp',
    in: 'header',
    required: true,
    description: `Unix time in seconds; refused (401 stale_timestamp) when not whole seconds or more than ${INGEST_LIMITS.maxClockSkewSec} s away from server time. Missing: 401 bad_signature naming it.`,
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'X-Interview-Signature',
    in: 'header',
    required: true,
    description:
      '`sha256=` + lower-case hex HMAC-SHA256 keyed by the shared secret over `<timestamp>.<METHOD>.<path with query>.<raw body bytes>`: ' +
      'the upper-case method, the request target exactly as sent (path and query, no scheme or host) and the exact body, ' +
      'e.g. `1764000000.PUT./api/v1/interview-results/i-1/scenarios/s-1/recording.<bytes>`. Missing: 401 bad_signature naming it. ' +
      'Checked, with the timestamp, the Content-Type and a declared Content-Length, before the body is read.',
    schema: { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' },
  },
];

/** The vendor-facing OpenAPI 3.1 document, with the payload schema generated from the zod schema. */
export function buildOpenApiDocument(serverUrl: string) {
  const payloadSchema = z.toJSONSchema(InterviewResultSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  const importErrors = {
    400: errorResponse('Body is not JSON', ['malformed_json']),
    401: errorResponse('A signature header missing (the message names it), signature (keyed by IMPORT_SECRET) or timestamp refused', ['bad_signature', 'stale_timestamp']),
    413: errorResponse(`Body over ${IMPORT_LIMITS.maxBodyBytes} bytes`, ['payload_too_large']),
    415: errorResponse('Content-Type is not application/json', ['unsupported_media_type']),
  };
  const importReport = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportReport' } } } });
  return {
    openapi: '3.1.0',
    info: {
      title: 'AI面试结果审核 — Vendor ingestion API',
      version: '1.0.0',
      description:
        'Push finished AI interviews and their recordings. Every request is signed with HMAC-SHA256 over `<timestamp>.<METHOD>.<path with query>.<raw body>`, ' +
        'so a captured request cannot be replayed onto another path or method. ' +
        'Re-sending the same interview with identical content is safe (200, same data); different content for the same interviewId is refused (409).',
    },
    servers: [{ url: serverUrl }],
    paths: {
      '/api/v1/interview-results': {
        post: {
          operationId: 'createInterviewResult',
          summary: 'Submit one finished AI interview',
          parameters: signatureParams,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/InterviewResult' } } } },
          responses: {
            201: { description: 'Candidate file created', content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestionResult' } } } },
            200: { description: 'Replay of an already ingested interview with identical content', content: { 'application/json': { schema: { $ref: '#/components/schemas/IngestionResult' } } } },
            400: errorResponse('Body is not JSON', ['malformed_json']),
            401: errorResponse('A signature header missing (the message names it), signature or timestamp refused', ['bad_signature', 'stale_timestamp']),
            409: errorResponse('Same interviewId with different content, or the application cannot take a new round', ['interview_conflict', 'illegal_transition']),
            413: errorResponse(`Body over ${INGEST_LIMITS.maxBodyBytes} bytes`, ['payload_too_large']),
            415: errorResponse('Content-Type is not application/json', ['unsupported_media_type']),
            422: errorResponse('Payload invalid (details lists field paths), unknown position, a weighted dimension without score, or unknown supplementary request', ['invalid_payload', 'unknown_position', 'missing_dimension', 'unknown_request']),
          },
        },
      },
      '/api/v1/interview-results/{interviewId}/scenarios/{scenarioId}/recording': {
        put: {
          operationId: 'putScenarioRecording',
          summary: 'Upload the recording of one scenario (raw audio body, same signature scheme: method PUT, this path, the raw bytes)',
          description:
            'The body is streamed to staged storage while hashed; the signature is checked after the last byte. At most `UPLOADS_PER_CLIENT` (default 4) uploads ' +
            "per client IP are in flight at once (per server instance). A replacement keeps the previous recording as a version; once the round's review is decided, recordings cannot be replaced.",
          parameters: [
            { name: 'interviewId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'scenarioId', in: 'path', required: true, schema: { type: 'string' } },
            ...signatureParams,
          ],
          requestBody: {
            required: true,
            content: Object.fromEntries(Object.keys(RECORDING_TYPES).map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
          },
          responses: {
            201: { description: 'Stored (status "created")', content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordingResult' } } } },
            200: {
              description: 'Same bytes already stored (status "unchanged", nothing written) or previous recording replaced (status "replaced"; the previous one is kept as a version and both sha256 are audited)',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordingResult' } } },
            },
            401: errorResponse('A signature header missing (the message names it), signature or timestamp refused', ['bad_signature', 'stale_timestamp']),
            404: errorResponse('Unknown interview or scenario', ['unknown_interview', 'unknown_scenario']),
            409: errorResponse("The round's review has been decided (its recordings can no longer be replaced), or the round has no recording consent (candidate.consent.recording was not true); nothing written", ['recording_locked', 'no_recording_consent']),
            413: errorResponse(`Body over ${INGEST_LIMITS.maxRecordingBytes} bytes (a declared Content-Length is refused before the body is read)`, ['payload_too_large']),
            415: errorResponse('Not an accepted audio type, or the bytes do not match the declared type', ['unsupported_media_type']),
            429: {
              ...errorResponse('Too many uploads of this client in flight', ['rate_limited']),
              headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 } } },
            },
          },
        },
      },
      '/api/v1/imports/interview-history': {
        post: {
          operationId: 'importInterviewHistory',
          summary: `Import up to ${IMPORT_LIMITS.maxHistoryRecords} past interviews with their outcome (signed with IMPORT_SECRET)`,
          description:
            'Each record is validated and written on its own: a refused record writes nothing and blocks no other (listed in `rejected` with its index). ' +
            'Idempotent by interview.interviewId over the whole record (identical → counted as replayed). Imported rounds start no approval and send no notice.',
          parameters: signatureParams,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/HistoryImport' } } } },
          responses: {
            200: importReport('Per-record report; rejected[].code: invalid_record, unknown_position, missing_dimension, interview_conflict, illegal_transition'),
            ...importErrors,
            422: errorResponse(`records missing, empty or more than ${IMPORT_LIMITS.maxHistoryRecords}`, ['invalid_payload']),
          },
        },
      },
      '/api/v1/performance-records': {
        post: {
          operationId: 'importPerformanceRecords',
          summary: `Upsert up to ${IMPORT_LIMITS.maxPerformanceRecords} monthly performance records of hires (signed with IMPORT_SECRET)`,
          description:
            'Each record is matched to one hire (stage hired or left) by employeeId (DingTalk user id or imported employee id), else candidateExternalId, else phone; ' +
            '(hire, period) is upserted: given metrics overwrite, omitted ones stay, identical values are counted as replayed and write nothing.',
          parameters: signatureParams,
          requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PerformanceImport' } } } },
          responses: {
            200: importReport('Per-record report; rejected[].code: invalid_record, unknown_employee, ambiguous_employee'),
            ...importErrors,
            422: errorResponse(`records missing, empty or more than ${IMPORT_LIMITS.maxPerformanceRecords}`, ['invalid_payload']),
          },
        },
      },
      '/api/v1/training-completions': {
        post: {
          operationId: 'recordTrainingCompletion',
          summary: 'The learning platform reports a finished course or programme (signed with IMPORT_SECRET, at most 16 KiB)',
          description:
            'Names the assignment by `assignmentId` (the `assignment.id` of our webhook event), or by `employeeId` (DingTalk user id or the employee id the QA system uses) and the course `title`. ' +
            'The assignment becomes done with `completedAt` and the optional `score`; the hire’s DingTalk 待办 is closed. A repeat answers outcome `unchanged`.',
          parameters: signatureParams,
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(TrainingCompletionInputSchema) } } },
          responses: {
            200: { description: '`data`: { assignment, outcome: applied | unchanged }', content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: {} } } } } },
            401: errorResponse('Signature or timestamp wrong or missing', ['bad_signature', 'stale_timestamp']),
            404: errorResponse('No such assignment, or no hire with that employee id', ['unknown_assignment', 'unknown_employee']),
            409: errorResponse('The assignment was waived, or the employee has several open assignments of that title (send assignmentId)', ['illegal_transition', 'ambiguous_employee']),
            413: errorResponse('Body over 16 KiB', ['payload_too_large']),
            415: errorResponse('Not application/json', ['unsupported_media_type']),
            422: errorResponse('Neither assignmentId nor employeeId + title, or a time without an offset', ['invalid_payload']),
          },
        },
      },
      ...appApiPaths(),
      ...reportPaths(),
      ...trainingPaths(),
      '/api/v1/reports/export': {
        get: {
          operationId: 'exportReport',
          summary:
            '数据看板 as a file (HR, admin, supervisors over their positions): xlsx with the summary tables (概览, 分数分布, 漏斗, 转化率, 审核时长, 主管, 渠道) and 候选人明细 (one row per application; phones masked for supervisors), or csv with 候选人明细 only (UTF-8 with BOM, RFC 4180; cells starting with = + - @ prefixed with an apostrophe). Audited as reports.exported',
          security: [{ sessionCookie: [] }, { bearerToken: [] }],
          parameters: queryParams(ReportExportQuerySchema),
          responses: {
            200: {
              description: 'The file, as an attachment: Content-Disposition `attachment; filename="report-YYYY-MM-DD.xlsx"; filename*=UTF-8\'\'<数据看板-YYYY-MM-DD.xlsx, percent-encoded>` (the Asia/Shanghai day)',
              headers: { 'Content-Disposition': { schema: { type: 'string' } } },
              content: { [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } }, 'text/csv': { schema: { type: 'string' } } },
            },
            400: errorResponse('format missing or not xlsx/csv, or a bad filter', ['invalid_query']),
            401: errorResponse('No, invalid or expired session', ['unauthenticated']),
            403: errorResponse('Staff (no candidate data)', ['forbidden']),
            404: errorResponse('positionCode unknown or outside the viewer’s scope', ['not_found']),
          },
        },
      },
    },
    components: {
      securitySchemes: appApiSecuritySchemes,
      schemas: {
        InterviewResult: payloadSchema,
        HistoryImport: {
          type: 'object',
          required: ['records'],
          additionalProperties: false,
          properties: { records: { type: 'array', minItems: 1, maxItems: IMPORT_LIMITS.maxHistoryRecords, items: jsonSchema(HistoryRecordSchema) } },
        },
        PerformanceImport: {
          type: 'object',
          required: ['records'],
          additionalProperties: false,
          properties: { records: { type: 'array', minItems: 1, maxItems: IMPORT_LIMITS.maxPerformanceRecords, items: jsonSchema(PerformanceInputSchema) } },
        },
        ImportReport: {
          type: 'object',
          required: ['data'],
          properties: {
            data: {
              type: 'object',
              required: ['accepted', 'replayed', 'rejected'],
              properties: {
                accepted: { type: 'integer', minimum: 0, description: 'records written (created or changed)' },
                replayed: { type: 'integer', minimum: 0, description: 'records already there with the same content: nothing written' },
                rejected: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['index', 'code', 'message'],
                    properties: {
                      index: { type: 'integer', minimum: 0, description: '0-based position in records' },
                      row: { type: 'integer', minimum: 1, description: 'sheet row (HR upload only)' },
                      interviewId: { type: 'string' },
                      code: { enum: ['invalid_record', 'unknown_position', 'missing_dimension', 'interview_conflict', 'illegal_transition', 'unknown_employee', 'ambiguous_employee'] },
                      message: { type: 'string' },
                      details: {},
                    },
                  },
                },
              },
            },
          },
        },
        IngestionResult: {
          type: 'object',
          required: ['data'],
          properties: {
            data: {
              type: 'object',
              required: ['candidateId', 'applicationId', 'interviewId', 'round', 'overallScore', 'recommendation', 'modelVersion', 'stage'],
              properties: {
                candidateId: { type: 'string' },
                applicationId: { type: 'string' },
                interviewId: { type: 'string' },
                round: { type: 'integer', minimum: 1 },
                overallScore: { type: 'number', minimum: 0, maximum: 100 },
                recommendation: { enum: ['recommended', 'borderline', 'not_recommended'] },
                modelVersion: { type: 'integer', minimum: 1 },
                stage: { const: 'in_review' },
              },
            },
          },
        },
        RecordingResult: {
          type: 'object',
          required: ['data'],
          properties: {
            data: {
              type: 'object',
              required: ['interviewId', 'scenarioId', 'bytes', 'sha256', 'contentType', 'status'],
              properties: {
                interviewId: { type: 'string' },
                scenarioId: { type: 'string' },
                bytes: { type: 'integer', minimum: 0 },
                sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                contentType: { enum: Object.keys(RECORDING_TYPES) },
                status: { enum: ['created', 'unchanged', 'replaced'] },
              },
            },
          },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { enum: [...ERROR_CODES] }, message: { type: 'string' }, details: {} },
            },
          },
        },
      },
    },
  };
}

/** Query parameters of a zod query schema. */
function queryParams(querySchema: z.ZodType) {
  const schema = jsonSchema(querySchema) as { properties: Record<string, unknown>; required?: string[] };
  return Object.entries(schema.properties).map(([name, property]) => ({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: property }));
}

/** The 数据看板 read endpoints (the export is described beside them). */
function reportPaths() {
  const security = [{ sessionCookie: [] }, { bearerToken: [] }];
  const data = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: {} } } } } });
  const common = {
    400: errorResponse('A bad filter (day not YYYY-MM-DD, from after to, unknown parameter)', ['invalid_query']),
    401: errorResponse('No, invalid or expired session', ['unauthenticated']),
    403: errorResponse('Staff (no candidate data); fairness and thresholds: HR and admin only', ['forbidden']),
    404: errorResponse('positionCode unknown or outside the viewer’s scope', ['not_found']),
  };
  return {
    '/api/v1/reports/summary': {
      get: {
        operationId: 'reportSummary',
        summary: 'Score distributions (10 bins, the last including 100), funnel, conversions with Wilson 95 % intervals, cycle time, supervisors (decisions, agreement with the AI, median hours) and channels, over the viewer’s positions; from/to are Asia/Shanghai days of the latest interview, batch uses the batch definition of the ingestion API',
        security,
        parameters: queryParams(ReportQuerySchema),
        responses: { 200: data('The summary (see the README, Reports)'), ...common },
      },
    },
    '/api/v1/reports/alerts': {
      get: {
        operationId: 'reportAlerts',
        summary: `Alerts computed from the data now (kinds: ${ALERT_KINDS.join(', ')}), for batches interviewed in [from, to], each against its trailing baseline; adverse_impact only for HR and admin. Each alert has a stable key, n, the threshold, baseline and p-value where they apply, a Chinese message and candidates (the candidate-list filter behind it)`,
        security,
        parameters: queryParams(AlertQuerySchema),
        responses: { 200: data('The alerts, by kind, position and batch'), ...common },
      },
    },
    '/api/v1/reports/training': {
      get: {
        operationId: 'reportTraining',
        summary: 'Training per position: course and programme assignments by status, completion (done of those not waived, Wilson 95 %), and — for hires with monthly performance — mean satisfaction of those who completed all their courses against those who did not, with n, the difference, its 95 % interval and Welch’s p (no conclusion below minGroupN hires per group)',
        security,
        parameters: queryParams(ReportQuerySchema),
        responses: { 200: data('Per position, the completion and the outcome comparison'), ...common },
      },
    },
    '/api/v1/reports/fairness': {
      get: {
        operationId: 'reportFairness',
        summary: 'Adverse-impact monitoring (HR and admin): per position, groups by gender and age band (under 25, 25–34, 35+) on the AI-recommended and passed-to-复试 rates, with the impact ratio and Fisher’s exact p; cells under 5 people are suppressed. Only demographics sent with candidate.consent.demographics are used',
        security,
        parameters: queryParams(ReportQuerySchema),
        responses: { 200: data('Per position, the comparisons'), ...common },
      },
    },
    '/api/v1/reports/alert-settings/{positionCode}': {
      get: {
        operationId: 'getAlertSettings',
        summary: 'A position’s alert thresholds (its own where set, the defaults elsewhere) — HR and admin',
        security,
        parameters: [{ name: 'positionCode', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: data('The thresholds and the defaults'), ...common },
      },
      put: {
        operationId: 'updateAlertSettings',
        summary: 'Set some of a position’s alert thresholds (null resets one to its default); audited as reports.alert_settings_updated — HR and admin',
        security,
        parameters: [{ name: 'positionCode', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(AlertSettingsInputSchema) } } },
        responses: { 200: data('The thresholds now'), ...common, 422: errorResponse('A threshold out of range or unknown', ['invalid_payload']) },
      },
    },
  };
}

/** Training rules, assignments and HR's moves (retake, fast-track) of the H5 app's API. */
function trainingPaths() {
  const security = [{ sessionCookie: [] }, { bearerToken: [] }];
  const data = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object', required: ['data'], properties: { data: {} } } } } });
  const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: jsonSchema(schema) } } });
  const path = (name: string) => [{ name, in: 'path', required: true, schema: { type: 'string' } }];
  const common = {
    401: errorResponse('No, invalid or expired session', ['unauthenticated']),
    403: errorResponse('In scope but not HR or admin', ['forbidden']),
  };
  return {
    '/api/v1/positions/{code}/training-rules': {
      get: {
        operationId: 'getTrainingRules',
        summary: 'A position’s training rules in force (version 0: none yet) and the earlier versions',
        security,
        parameters: path('code'),
        responses: { 200: data('{ positionCode, version, rules, note, updatedByName, updatedAt, history }'), 401: common[401], 404: errorResponse('Unknown position', ['not_found']) },
      },
      put: {
        operationId: 'publishTrainingRules',
        summary:
          'Publish the whole rule set as a new version (HR, admin; audited as training_rules.published). A rule fires when its dimension’s score is below `below` (strict) and/or at least `atLeast`; ' +
          'rules fire when an application enters second_interview and again when it enters hired, at most once per rule and application',
        security,
        parameters: path('code'),
        requestBody: body(TrainingRulesInputSchema),
        responses: {
          200: data('The rules now'),
          ...common,
          404: errorResponse('Unknown position', ['not_found']),
          409: errorResponse('expectedVersion is not the version in force', ['concurrent_update']),
          422: errorResponse('A rule without a condition, a duplicate id, a team suggestion with a deadline …', ['invalid_payload']),
        },
      },
    },
    '/api/v1/training-assignments/{id}/status': {
      post: {
        operationId: 'setTrainingAssignmentStatus',
        summary: 'HR mark an assignment done or waived (audited as training.status_changed); the hire’s 待办 is closed',
        security,
        parameters: path('id'),
        requestBody: body(AssignmentStatusInputSchema),
        responses: {
          200: data('{ assignment, outcome: applied | unchanged }'),
          ...common,
          404: errorResponse('Unknown, or of a file outside the viewer’s scope', ['unknown_assignment']),
          409: errorResponse('Already done or waived the other way', ['illegal_transition']),
          422: errorResponse('status not done/waived', ['invalid_payload']),
        },
      },
    },
    '/api/v1/me/training-assignments': {
      get: { operationId: 'listOwnTrainingAssignments', summary: 'The signed-in employee’s own courses and programmes (as a hire)', security, responses: { 200: data('The assignments'), 401: common[401] } },
    },
    '/api/v1/applications/{id}/retake': {
      post: {
        operationId: 'requestRetake',
        summary: '重新参加AI面试: from in_review or rejected, with a remark (HR, admin). Stage retake_requested; a signed request with kind "retake" goes to VENDOR_WEBHOOK_URL; an open approval is revoked in DingTalk. The answering round (carrying requestId) opens a new review',
        security,
        parameters: path('id'),
        requestBody: body(RetakeInputSchema),
        responses: {
          200: data('{ applicationId, stage: retake_requested, requestId }'),
          ...common,
          404: errorResponse('Unknown or outside the viewer’s scope', ['not_found']),
          409: errorResponse('Not in in_review or rejected, or the approval is still being created', ['illegal_transition', 'review_not_open']),
          422: errorResponse('No remark', ['invalid_payload']),
        },
      },
    },
    '/api/v1/applications/{id}/fast-track': {
      post: {
        operationId: 'fastTrack',
        summary: '直接进入复试: from in_review to second_interview over the review (HR, admin), with at least one of the position’s course rules made mandatory. The review counts as HR’s agree (decisionSource hr_fast_track); the DingTalk approval is revoked with a remark saying so',
        security,
        parameters: path('id'),
        requestBody: body(FastTrackInputSchema),
        responses: {
          200: data('{ applicationId, stage: second_interview, assignments }'),
          ...common,
          404: errorResponse('Unknown or outside the viewer’s scope', ['not_found']),
          409: errorResponse('Not in in_review, or the approval is still being created', ['illegal_transition', 'review_not_open']),
          422: errorResponse('No remark, no course, or a rule id that is not one of the position’s courses', ['invalid_payload', 'unknown_rule']),
        },
      },
    },
  };
}
