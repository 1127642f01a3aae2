import type { QueueOptions } from 'pg-boss';
import type { QueueConfig } from '@/server/queue';

/** The e-mail module's pg-boss queues. */
export const EMAIL_QUEUES = {
  /** one job per message: `{ messageId }` */
  deliver: 'email-deliver',
  /** every minute: re-enqueue messages stuck in `queued` (e.g. a crash between insert and enqueue) */
  sweep: 'email-sweep',
} as const;

export interface DeliverJob {
  messageId: string;
}

/** Retries with exponential backoff (delay, 2×delay, 4×delay ... at most an hour apart). */
export function deliverQueueOptions(config: QueueConfig): QueueOptions {
  return {
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    // an SMTP send is bounded by the transport's own timeouts; this only catches a hung worker
    expireInSeconds: 300,
  };
}

export const sweepQueueOptions: QueueOptions = { retryLimit: 0, expireInSeconds: 120 };
