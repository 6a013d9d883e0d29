import { once } from 'node:events';
import type { Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { usesDevIngestSecret, type Config } from './config.js';
import { openDatabase } from './db/dataSource.js';
import { createLogger, type Logger } from './logger.js';
import { seedDemo } from './seed/seedDemo.js';
import { createLocalStorage } from './storage/storage.js';

export interface RunningServer {
  url: string;
  ds: DataSource;
  log: Logger;
  close(): Promise<void>;
}

/** Open the database (migrations), seed the demo when asked, build the app and listen. */
export async function startServer(config: Config): Promise<RunningServer> {
  const log = createLogger(config.logLevel);
  const ds = await openDatabase(config.database);
  const storage = createLocalStorage(config.recordingsDir);
  if (config.seedDemo) await seedDemo({ ds, storage, log: log.child({ module: 'seed' }) });
  if (usesDevIngestSecret(config)) {
    log.warn({ ingestSecret: config.ingestSecret }, 'INGEST_SECRET not set: using the development default (refused in production)');
  }
  const app = createApp({ config, ds, storage, log });
  const server: Server = app.listen(config.port, config.host);
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url, database: config.database.type }, 'server listening');
  return {
    url,
    ds,
    log,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await ds.destroy();
    },
  };
}
