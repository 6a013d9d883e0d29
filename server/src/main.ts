import { loadConfig } from './config.js';
import { runUntilSignal } from './lifecycle.js';
import { startServer } from './server.js';

await runUntilSignal(async () => {
  const server = await startServer(loadConfig());
  return [server.close];
});
