import { once } from 'node:events';
import type { Server } from 'node:http';
import { createApp } from './app.js';
import { systemClock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { openDatabase } from './platform/db/dataSource.js';
import type { Deps } from './platform/deps.js';
import { createDingTalkClient } from './platform/dingtalk/client.js';
import { createLogger } from './platform/logger.js';
import { createLocalStorage } from './platform/storage/storage.js';
import { seedDemo } from './seed/seedDemo.js';
import { startWorkers, type WorkerOptions, type Workers } from './workers.js';

export interface RunningServer {
  url: string;
  deps: Deps;
  workers: Workers;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Worker timings (tests shorten them). */
  workers?: WorkerOptions;
  /** Skip the background workers (a pure API instance). */
  noWorkers?: boolean;
}

/** Read nothing itself: open the database (migrations), build the deps, seed the demo when asked, start the workers, listen. */
export async function startServer(settings: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = createLogger(settings.logLevel);
  const ds = await openDatabase(settings.database);
  let workers: Workers | undefined;
  const deps: Deps = {
    ds,
    dingtalk: createDingTalkClient({ ...settings.dingtalk, log }),
    storage: createLocalStorage(settings.recordingsDir),
    log,
    clock: systemClock,
    settings,
    wake: () => workers?.wake(),
    fetch: globalThis.fetch,
  };
  if (settings.seedDemo) await seedDemo({ ...deps, log: log.child({ module: 'seed' }) });
  workers = options.noWorkers ? { wake: () => {}, runJobsNow: async () => {}, stop: async () => {} } : startWorkers(deps, options.workers);
  const server: Server = createApp(deps).listen(settings.port, settings.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, database: settings.database.type, dingtalk: settings.dingtalk.sandbox ? 'sandbox' : settings.dingtalk.apiBase }, 'server listening');
  if (!settings.dingtalk.sandbox) {
    // What the DingTalk developer console must be set to (README, Deploying).
    log.info({ homePage: `${settings.publicBaseUrl}/app/`, callbackUrl: `${settings.publicBaseUrl}/dingtalk/callback` }, 'DingTalk console settings');
  }
  const running = workers;
  return {
    url,
    deps,
    workers: running,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await running.stop();
      await ds.destroy();
    },
  };
}
