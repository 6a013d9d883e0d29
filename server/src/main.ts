import { loadConfig } from './platform/config.js';
import { withDemoSecrets } from './platform/demoSecrets.js';
import { runUntilSignal } from './platform/lifecycle.js';
import { startServer } from './server.js';

await runUntilSignal(async () => {
  const server = await startServer(loadConfig(withDemoSecrets(process.env)));
  return [server.close];
});
