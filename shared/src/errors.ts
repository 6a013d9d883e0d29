/** Machine-readable error codes returned in `{ error: { code } }`. The miniapp switches on these. */
export const ERROR_CODES = [
  'bad_request',
  'invalid_query',
  'malformed_json',
  'invalid_payload',
  'unsupported_media_type',
  'payload_too_large',
  'bad_signature',
  'undecryptable',
  'wrong_owner',
  'not_an_event',
  'stale_timestamp',
  'unauthenticated',
  'bad_auth_code',
  'forbidden',
  'not_found',
  'unknown_position',
  'unknown_interview',
  'unknown_scenario',
  'unknown_request',
  'missing_dimension',
  'interview_conflict',
  'invalid_record',
  'unknown_employee',
  'ambiguous_employee',
  'position_exists',
  'concurrent_update',
  'no_recommendation',
  'illegal_transition',
  'already_decided',
  'not_an_approver',
  'review_not_open',
  'range_not_satisfiable',
  'rate_limited',
  'csrf_refused',
  'recording_locked',
  'link_expired',
  'bad_link',
  'not_ready',
  'dingtalk_unavailable',
  'internal_error',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
