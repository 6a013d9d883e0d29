import type { Deps } from '../platform/deps.js';
import type { OutboxHandlers } from '../platform/outbox/worker.js';
import { createPreEntry } from './createPreEntry.js';
import { HIRING_KINDS, type HiringNoticeType } from './kinds.js';
import { sendHiringNotice } from './sendHiringNotice.js';

/** The outbox kinds the hiring feature delivers. */
export function hiringHandlers(deps: Deps): OutboxHandlers {
  return {
    [HIRING_KINDS.preEntry]: async (message, log) => {
      await createPreEntry({ ...deps, log }, message.payload as { applicationId: string });
    },
    [HIRING_KINDS.notice]: async (message) => {
      await sendHiringNotice(deps, message.payload as { applicationId: string; type: HiringNoticeType; reason: string });
    },
  };
}
