import { loadConfig } from './platform/config.js';
import { runUntilSignal } from './platform/lifecycle.js';
import { startServer } from './server.js';

await runUntilSignal(async () => {
  const server = await startServer(loadConfig());
  return [server.close];
});
