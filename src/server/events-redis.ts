/**
 * The event bus on Redis pub/sub (REDIS_URL): a message published by one app instance reaches
 * the subscribers of every instance.
 *
 * - Two connections: one publishes, one subscribes (a subscribed Redis connection can do
 *   nothing else).
 * - Channel subscriptions are reference-counted: the first local handler of a channel sends
 *   SUBSCRIBE (its promise resolves once Redis confirmed it), the last one to leave sends
 *   UNSUBSCRIBE.
 * - ioredis reconnects by itself and re-subscribes every channel. Messages published while
 *   the connection was down are lost, so after a reconnect every handler is called once with
 *   `{ resync: true }` (see events.ts): the live streams then re-read from their cursor.
 * - Channel names carry a prefix (`revivatech:` by default) so several deployments, or test
 *   runs, may share one Redis.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { logger } from '@/server/logger';
import type { BusHandler, BusMessage, EventBus } from './events';

export interface RedisBusOptions {
  /** prefix of every Redis channel name (default `revivatech:`) */
  prefix?: string;
  /** how long the first connection may take before start-up fails (default 5 s) */
  connectTimeoutMs?: number;
  /** client name shown by Redis' CLIENT LIST, suffixed -pub / -sub (default `revivatech`) */
  name?: string;
}

interface ChannelState {
  handlers: Set<BusHandler>;
  /** resolves once Redis confirmed the SUBSCRIBE */
  ready: Promise<void>;
}

export class RedisUnavailableError extends Error {
  constructor(url: string, cause: unknown) {
    super(
      `Redis at ${redactUrl(url)} is not reachable (${cause instanceof Error ? cause.message : String(cause)}). ` +
        'Start Redis, fix REDIS_URL, or unset REDIS_URL to use the in-process event bus (one instance only).',
    );
    this.name = 'RedisUnavailableError';
  }
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}

const RETRY_CAP_MS = 5_000;

function connectionOptions(name: string, timeoutMs: number): RedisOptions {
  return {
    lazyConnect: true,
    connectionName: name,
    connectTimeout: timeoutMs,
    // keep trying for as long as the app runs: 50 ms, 100 ms, ... at most every 5 s
    retryStrategy: (times) => Math.min(times * 50, RETRY_CAP_MS),
    // commands wait through a short outage; a long one fails them (callers log and go on)
    maxRetriesPerRequest: 20,
  };
}

/**
 * Connects both connections and returns the bus; throws RedisUnavailableError (and leaves no
 * connection behind) when Redis does not answer.
 */
export async function createRedisBus(url: string, opts: RedisBusOptions = {}): Promise<EventBus> {
  const prefix = opts.prefix ?? 'revivatech:';
  const timeoutMs = opts.connectTimeoutMs ?? 5_000;
  const name = opts.name ?? 'revivatech';
  const pub = new Redis(url, connectionOptions(`${name}-pub`, timeoutMs));
  const sub = new Redis(url, connectionOptions(`${name}-sub`, timeoutMs));
  const channels = new Map<string, ChannelState>();
  let closed = false;
  let connected = false;

  let firstError: Error | undefined;
  const logError = (which: string) => (err: Error) => {
    // ioredis emits an error for every failed reconnect; once connected they are worth a warning
    if (!connected) firstError ??= err;
    else if (!closed) logger.warn({ err: err.message, connection: which }, 'redis event bus error');
  };
  pub.on('error', logError('publish'));
  sub.on('error', logError('subscribe'));

  try {
    await Promise.race([
      Promise.all([pub.connect(), sub.connect()]),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
      ),
    ]);
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    throw new RedisUnavailableError(url, firstError ?? err);
  }
  connected = true;

  const deliver = (state: ChannelState | undefined, message: BusMessage) => {
    if (!state) return;
    for (const handler of [...state.handlers]) {
      try {
        handler(message);
      } catch (err) {
        logger.error({ err }, 'an event bus handler threw');
      }
    }
  };

  sub.on('message', (redisChannel: string, raw: string) => {
    if (!redisChannel.startsWith(prefix)) return;
    let message: BusMessage;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return;
      message = parsed as BusMessage;
    } catch {
      logger.warn({ channel: redisChannel }, 'ignored a malformed event bus message');
      return;
    }
    deliver(channels.get(redisChannel.slice(prefix.length)), message);
  });

  // registered after the first connect, so this is a reconnect: ioredis has re-subscribed
  // every channel; tell the handlers that messages may have been missed in between
  sub.on('ready', () => {
    logger.info({ channels: channels.size }, 'redis event bus reconnected');
    for (const state of channels.values()) deliver(state, { resync: true });
  });
  sub.on('close', () => {
    if (!closed) logger.warn('redis event bus subscription connection lost; reconnecting');
  });

  return {
    kind: 'redis',
    async publish(channel, message) {
      if (closed) throw new Error('the event bus is closed');
      await pub.publish(prefix + channel, JSON.stringify(message));
    },
    async subscribe(channel, handler) {
      if (closed) throw new Error('the event bus is closed');
      let state = channels.get(channel);
      if (!state) {
        const created: ChannelState = {
          handlers: new Set(),
          ready: sub.subscribe(prefix + channel).then(() => undefined),
        };
        channels.set(channel, created);
        created.ready.catch(() => {
          // a failed SUBSCRIBE: forget the channel so the next subscriber tries again
          if (channels.get(channel) === created) channels.delete(channel);
        });
        state = created;
      }
      state.handlers.add(handler);
      const current = state;
      try {
        await current.ready;
      } catch (err) {
        current.handlers.delete(handler);
        throw err;
      }
      let done = false;
      return () => {
        if (done) return;
        done = true;
        current.handlers.delete(handler);
        if (current.handlers.size === 0 && channels.get(channel) === current) {
          channels.delete(channel);
          if (!closed) {
            sub
              .unsubscribe(prefix + channel)
              .catch((err: unknown) => logger.warn({ err, channel }, 'could not unsubscribe'));
          }
        }
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      channels.clear();
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}
