import type { Logger } from './logger.js';

export interface PeriodicJob {
  /** Run once now (waits for a run in progress first). */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

/** Run `work` every `intervalMs`; runs never overlap and a failure is logged, not fatal. */
export function startPeriodic(name: string, work: () => Promise<unknown>, intervalMs: number, log: Logger): PeriodicJob {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await work();
      } catch (error) {
        log.error({ err: error, job: name }, 'periodic job failed');
      }
    });
    return running;
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
