import { once } from 'node:events';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { usesDevIngestSecret, type Config } from './config.js';
import { openDatabase } from './db/dataSource.js';
import { createDingTalkClient } from './dingtalk/client.js';
import type { DingTalkPort } from './dingtalk/port.js';
import { createLogger, type Logger } from './logger.js';
import { reviewSettings } from './review/deps.js';
import { startReviewWorkers, type ReviewWorkerOptions, type ReviewWorkers } from './review/workers.js';
import { seedDemo } from './seed/seedDemo.js';
import { createLocalStorage } from './storage/storage.js';

export interface RunningServer {
  url: string;
  ds: DataSource;
  log: Logger;
  dingtalk: DingTalkPort;
  workers: ReviewWorkers;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Worker timings (tests shorten them). */
  workers?: ReviewWorkerOptions;
  /** Skip the background workers (a pure API instance). */
  noWorkers?: boolean;
}

/** Open the database (migrations), seed the demo when asked, start the review workers, listen. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const ds = await openDatabase(config.database);
  const storage = createLocalStorage(config.recordingsDir);
  if (config.seedDemo) await seedDemo({ ds, storage, log: log.child({ module: 'seed' }) });
  if (usesDevIngestSecret(config)) {
    log.warn({ ingestSecret: config.ingestSecret }, 'INGEST_SECRET not set: using the development default (refused in production)');
  }
  const dt = config.dingtalk;
  const dingtalk = createDingTalkClient({ ...dt, log });
  const review = reviewSettings(config);
  const workers: ReviewWorkers = options.noWorkers
    ? { kick: () => {}, runJobsNow: async () => {}, stop: async () => {} }
    : startReviewWorkers({ ds, dingtalk, log: log.child({ module: 'review' }), settings: review }, { jobsIntervalMs: config.reviewJobsIntervalMs, ...options.workers, outbox: { leaseMs: config.outboxLeaseMs, ...options.workers?.outbox } });
  const app = createApp({ config, ds, storage, log, dingtalk, review, onOutbox: workers.kick });
  const server: Server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, database: config.database.type, dingtalk: dt.sandbox ? 'sandbox' : dt.apiBase }, 'server listening');
  return {
    url,
    ds,
    log,
    dingtalk,
    workers,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await workers.stop();
      await ds.destroy();
    },
  };
}
