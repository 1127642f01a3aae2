/** Web Push, server side: what other domains and the entry may import. */
export { queuePushToUsers, DEFAULT_PUSH_TTL, type QueuePushInput } from './queue-push';
export { registerPushWorkers } from './register-workers';
export { PUSH_QUEUES } from './queues';
