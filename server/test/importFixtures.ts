import type { HistoryRecord, InterviewResult } from '@aireview/shared';
import { samplePayload } from './factories.js';

/** IMPORT_SECRET in tests (pass it as `{ IMPORT_SECRET }` to buildTestApp). */
export const TEST_IMPORT_SECRET = 'test-import-secret-0123456789-abcdefghij';

/** A historical record for CS-GENERAL: an interview of March 2025 and how it ended (hired by default). */
export function historyRecord(outcome: Partial<HistoryRecord['outcome']> = { stage: 'hired' }, interview: Partial<InterviewResult> = {}): HistoryRecord {
  return {
    interview: samplePayload({ startedAt: '2025-03-03T10:00:00+08:00', completedAt: '2025-03-03T10:25:00+08:00', ...interview }),
    outcome: { stage: 'hired', decidedAt: '2025-03-06T15:00:00+08:00', ...outcome } as HistoryRecord['outcome'],
  };
}
