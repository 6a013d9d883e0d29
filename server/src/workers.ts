import { hostname } from 'node:os';
import { hiringHandlers, runHiringJobs } from './hiring/index.js';
import type { Deps } from './platform/deps.js';
import { startPeriodic } from './platform/jobs.js';
import { registerHandlers, startOutboxWorker, type OutboxWorkerOptions } from './platform/outbox/worker.js';
import { reportHandlers, runReportJobs } from './reports/index.js';
import { reviewHandlers, runReviewJobs } from './review/index.js';
import { runTrainingJobs, trainingHandlers } from './training/index.js';

export interface Workers {
  /** Wake the outbox worker (what `deps.wake` calls). */
  wake(): void;
  /** Run the periodic jobs once now. */
  runJobsNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  outboxIntervalMs?: number;
  jobsIntervalMs?: number;
  outbox?: Partial<Pick<OutboxWorkerOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxAttempts' | 'leaseMs'>>;
}

/** The outbox worker with every feature's handlers, and the features' periodic jobs. Wiring only. */
export function startWorkers(deps: Deps, options: WorkerOptions = {}): Workers {
  const worker = startOutboxWorker({
    ds: deps.ds,
    log: deps.log.child({ module: 'outbox' }),
    handlers: registerHandlers(reviewHandlers(deps), hiringHandlers(deps), reportHandlers(deps), trainingHandlers(deps)),
    workerId: `${hostname()}:${process.pid}`,
    intervalMs: options.outboxIntervalMs ?? 1000,
    clock: deps.clock,
    leaseMs: deps.settings.outboxLeaseMs,
    ...options.outbox,
  });
  const jobs = startPeriodic('review-jobs', () => runReviewJobs({ ...deps, log: deps.log.child({ module: 'review-jobs' }) }), options.jobsIntervalMs ?? deps.settings.reviewJobsIntervalMs, deps.log.child({ module: 'jobs' }));
  const hiringJobs = startPeriodic('hiring-jobs', () => runHiringJobs({ ...deps, log: deps.log.child({ module: 'hiring-jobs' }) }), options.jobsIntervalMs ?? deps.settings.reviewJobsIntervalMs, deps.log.child({ module: 'jobs' }));
  const reportJobs = startPeriodic('report-jobs', () => runReportJobs({ ...deps, log: deps.log.child({ module: 'report-jobs' }) }), options.jobsIntervalMs ?? deps.settings.reviewJobsIntervalMs, deps.log.child({ module: 'jobs' }));
  const trainingJobs = startPeriodic('training-jobs', () => runTrainingJobs({ ...deps, log: deps.log.child({ module: 'training-jobs' }) }), options.jobsIntervalMs ?? deps.settings.reviewJobsIntervalMs, deps.log.child({ module: 'jobs' }));
  return {
    wake: worker.wake,
    async runJobsNow() {
      await jobs.runNow();
      await hiringJobs.runNow();
      await reportJobs.runNow();
      await trainingJobs.runNow();
    },
    async stop() {
      await trainingJobs.stop();
      await reportJobs.stop();
      await hiringJobs.stop();
      await jobs.stop();
      await worker.stop();
    },
  };
}
