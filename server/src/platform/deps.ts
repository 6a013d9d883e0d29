import type { DataSource } from 'typeorm';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { DingTalkPort } from './dingtalk/port.js';
import type { Logger } from './logger.js';
import type { RecordingStorage } from './storage/storage.js';

/**
 * Everything a command, query, handler, job or route may use, built once in server.ts (and by the
 * test helpers the same way). Commands take the whole of it and use what they need.
 */
export interface Deps {
  ds: DataSource;
  /** The DingTalk boundary: the real client (pointed at DingTalk or the sandbox), or the fake in unit tests. */
  dingtalk: DingTalkPort;
  storage: RecordingStorage;
  log: Logger;
  clock: Clock;
  settings: Config;
  /** Wakes the outbox worker; commands call it after they committed outbox rows. */
  wake: () => void;
  /** Outbound HTTP to non-DingTalk peers (the AI vendor); tests may replace it. */
  fetch: typeof fetch;
}
