import type { Deps } from '../platform/deps.js';
import type { OutboxHandlers } from '../platform/outbox/worker.js';
import { REPORT_KINDS, type AlertDigestPayload } from './kinds.js';
import { sendAlertDigest } from './sendAlertDigest.js';

/** The outbox kinds the reports feature delivers. */
export function reportHandlers(deps: Deps): OutboxHandlers {
  return {
    [REPORT_KINDS.alertDigest]: async (message) => {
      await sendAlertDigest(deps, message.payload as unknown as AlertDigestPayload);
    },
  };
}
