import type { EnsureQueueOptions, QueueConfig } from '@/server/queue';

/** The push module's pg-boss queues. */
export const PUSH_QUEUES = {
  /**
   * one job per notification: `{ notificationId }`; turns a queued (or, at its time, a scheduled)
   * notification into deliveries and one send job each. A scheduled send's job waits with
   * `startAfter`; cancelling it cancels the job and the row (the row's status decides).
   */
  dispatch: 'push-dispatch',
  /** one job per delivery: `{ deliveryId }`, retried with backoff on 429, 5xx and network errors */
  send: 'push-send',
  /** every minute: queued notifications whose dispatch job never made it (no queue then) */
  sweep: 'push-sweep',
} as const;

export interface DispatchJob {
  notificationId: string;
}

export interface SendJob {
  deliveryId: string;
}

/** Send jobs taken per fetch, sent side by side. */
export const SEND_BATCH_SIZE = 10;
/** The longest Retry-After (seconds) we wait for before a retry; longer ones use the backoff. */
export const MAX_RETRY_AFTER_SECONDS = 3600;

export function dispatchQueueOptions(config: QueueConfig): EnsureQueueOptions {
  return {
    policy: 'exclusive',
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: 300,
  };
}

/** Retries with exponential backoff (delay, 2×delay, 4×delay ... at most an hour apart). */
export function sendQueueOptions(config: QueueConfig): EnsureQueueOptions {
  return {
    retryLimit: config.retryLimit,
    retryDelay: config.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: 3600,
    // one HTTP request with its own timeout; this only catches a hung worker
    expireInSeconds: 120,
  };
}

export const sweepQueueOptions: EnsureQueueOptions = { retryLimit: 0, expireInSeconds: 120 };
