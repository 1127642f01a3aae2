/**
 * The live-update bus: publish a small JSON message on a channel, every subscriber of that
 * channel in every app instance gets it. In-process when embedded; Redis pub/sub when
 * REDIS_URL is set (so several instances behind a load balancer reach each other's clients).
 *
 * Messages are notifications, not the record: the rows live in the database with a
 * monotonic id, so a client that reconnects replays what it missed from there.
 *
 * Channels:
 * - `order:<orderId>`  an event was added to the order's timeline    { eventId, visibility, type }
 * - `orders`           some order changed (staff console)             { orderId, shopSlug, eventId, type, status }
 * - `user:<userId>`    a notification was created for the user        { notificationId }
 *                      or the user read some                          { read: true }
 *
 * Delivery is at most once: a message published while a Redis connection is down is lost.
 * So after the Redis bus reconnects it calls every handler once with `{ resync: true }`, and
 * a subscriber that keeps a cursor (the live streams do) re-reads what it may have missed.
 */
import { EventEmitter } from 'node:events';

export type BusMessage = Record<string, unknown>;
export type BusHandler = (message: BusMessage) => void;

export interface EventBus {
  readonly kind: 'memory' | 'redis';
  publish(channel: string, message: BusMessage): Promise<void>;
  /** Resolves once the subscription is live; the returned function unsubscribes. */
  subscribe(channel: string, handler: BusHandler): Promise<() => void>;
  close(): Promise<void>;
}

export function createMemoryBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    kind: 'memory',
    async publish(channel, message) {
      emitter.emit(channel, message);
    },
    async subscribe(channel, handler) {
      emitter.on(channel, handler);
      return () => {
        emitter.off(channel, handler);
      };
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}

declare global {
  var __rtEventBus: EventBus | undefined;
}

/** The process's bus (a singleton on globalThis: Next's bundle and the server share it). */
export function getEventBus(): EventBus {
  return (globalThis.__rtEventBus ??= createMemoryBus());
}

export function setEventBus(bus: EventBus): void {
  globalThis.__rtEventBus = bus;
}

export async function closeEventBus(): Promise<void> {
  const bus = globalThis.__rtEventBus;
  globalThis.__rtEventBus = undefined;
  await bus?.close();
}
