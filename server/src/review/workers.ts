import { hostname } from 'node:os';
import { startPeriodic } from '../jobs/periodic.js';
import { startOutboxWorker, type OutboxWorkerOptions } from '../outbox/worker.js';
import type { ReviewDeps } from './deps.js';
import { reviewOutboxHandlers } from './handlers.js';
import { reconcilePendingReviews } from './reconcile.js';
import { sendDueReminders } from './reminders.js';

export interface ReviewWorkers {
  /** Wake the outbox worker (after a command enqueued something). */
  kick(): void;
  /** Run reminders and reconciliation once now. */
  runJobsNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface ReviewWorkerOptions {
  outboxIntervalMs?: number;
  jobsIntervalMs?: number;
  outbox?: Partial<Pick<OutboxWorkerOptions, 'baseDelayMs' | 'maxDelayMs' | 'maxAttempts' | 'leaseMs'>>;
}

/** The outbox worker with the review handlers, plus the reminder and reconciliation jobs. */
export function startReviewWorkers(base: Omit<ReviewDeps, 'kick'>, options: ReviewWorkerOptions = {}): ReviewWorkers {
  let kick = () => {};
  const deps: ReviewDeps = { ...base, kick: () => kick() };
  const worker = startOutboxWorker({
    ds: deps.ds,
    log: deps.log.child({ module: 'outbox' }),
    handlers: reviewOutboxHandlers(deps),
    workerId: `${hostname()}:${process.pid}`,
    intervalMs: options.outboxIntervalMs ?? 1000,
    ...(deps.now ? { now: deps.now } : {}),
    ...options.outbox,
  });
  kick = worker.kick;
  const jobsLog = deps.log.child({ module: 'review-jobs' });
  const jobs = startPeriodic(
    'review-jobs',
    async () => {
      await sendDueReminders(deps);
      await reconcilePendingReviews(deps);
    },
    options.jobsIntervalMs ?? 60_000,
    jobsLog,
  );
  return {
    kick: worker.kick,
    runJobsNow: jobs.runNow,
    async stop() {
      await jobs.stop();
      await worker.stop();
    },
  };
}
