import { ConfigError } from './config.js';

/**
 * Run an entry point: start it, stop everything it returned on SIGINT/SIGTERM, and turn a
 * ConfigError into its list of problems on stderr with exit code 1.
 */
export async function runUntilSignal(start: () => Promise<(() => Promise<void>)[]>): Promise<void> {
  try {
    const closers = await start();
    const stop = async () => {
      for (const close of closers) await close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
