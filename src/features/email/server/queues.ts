import type { QueueOptions } from 'pg-boss';
import type { EnsureQueueOptions, QueueConfig } from '@/server/queue';

/** The e-mail module's pg-boss queues. */
export const EMAIL_QUEUES = {
  /**
   * one job per message: `{ messageId }`, keyed by the message id on an `exclusive` queue, so a
   * message has at most one live (waiting, retrying or running) job. Renamed from
   * `email-deliver` when it became exclusive (pg-boss cannot change a queue's policy); jobs
   * left on the old queue are not worked, and the sweep re-queues their messages here.
   */
  deliver: 'email-delivery',
  /** every minute: re-enqueue messages stuck in `queued` with no live job */
  sweep: 'email-sweep',
} as const;

export interface DeliverJob {
  messageId: string;
}

/**
 * How the delivery worker takes jobs: `batchSize` jobs per fetch, delivered side by side, by
 * `localConcurrency` fetch loops per process, so up to batchSize × localConcurrency messages
 * are in flight at once (each its own SMTP connection, or an outbox write). A full batch makes
 * the worker fetch again at once instead of waiting for the next poll.
 */
export const DELIVERY_BATCH_SIZE = 10;
export const DELIVERY_CONCURRENCY = 2;

/** Retries with exponential backoff (delay, 2×delay, 4×delay ... at most an hour apart). */
export function deliverQueueOptions(config: QueueConfig): EnsureQueueOptions {
  return {
    policy: 'exclusive',
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    // an SMTP send is bounded by the transport's own timeouts; this only catches a hung worker
    expireInSeconds: 300,
    // a worker that dies mid-send (killed, out of memory) stops refreshing the job's heartbeat:
    // the job is retried after 20 s instead of waiting out the expiry (bench:faults measures it)
    heartbeatSeconds: 20,
  };
}

export const sweepQueueOptions: QueueOptions = { retryLimit: 0, expireInSeconds: 120 };
