/**
 * Serves a live feed as server-sent events (Hono's streamSSE):
 *
 * 1. subscribe to the bus first, so nothing committed from then on can be missed;
 * 2. start at the client's resume id (Last-Event-ID / ?lastEventId=), or at the newest row
 *    for a new client;
 * 3. replay the rows after it from the database, then forward live ones (LiveCursor);
 * 4. a `retry:` hint first, a heartbeat comment every 20 s, everything undone when the client
 *    goes (or the server closes its connections on shutdown).
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { getEventBus, type BusMessage } from '@/server/events';
import { logger } from '@/server/logger';
import { LiveCursor, resumeIdFrom, sseFrame, type LiveFeed } from './live-cursor';

export const HEARTBEAT_MS = 20_000;
/** how long EventSource waits before it reconnects */
export const RETRY_MS = 3_000;

export function serveLive(c: Context, feed: LiveFeed, label: string): Response {
  const resume = resumeIdFrom(c.req.header('last-event-id'), c.req.query('lastEventId'));
  const requestId = c.get('requestId') as string | undefined;

  const res = streamSSE(c, async (stream) => {
    const aborted = new Promise<void>((resolve) => stream.onAbort(resolve));
    const write = async (text: string) => {
      if (!stream.aborted && !stream.closed) await stream.write(text);
    };
    const unsubscribes: Array<() => void> = [];
    let cursor: LiveCursor | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    const early: BusMessage[] = [];
    const handler = (message: BusMessage) => {
      if (cursor) cursor.onMessage(message);
      else early.push(message);
    };
    try {
      const bus = getEventBus();
      for (const channel of feed.channels) unsubscribes.push(await bus.subscribe(channel, handler));
      if (stream.aborted) return;
      const start = resume ?? (await feed.head());
      cursor = new LiveCursor(
        feed,
        (frame) => write(sseFrame(frame)),
        start,
        (err) => logger.error({ err, reqId: requestId, stream: label }, 'live stream could not send'),
      );
      await write(sseFrame({ retry: RETRY_MS, comment: 'live' }));
      void cursor.pump();
      for (const message of early.splice(0)) cursor.onMessage(message);
      timer = setInterval(() => void write(sseFrame({ comment: 'ping' })), HEARTBEAT_MS);
      timer.unref?.();
      await aborted;
    } catch (err) {
      logger.error({ err, reqId: requestId, stream: label }, 'live stream failed');
    } finally {
      if (timer) clearInterval(timer);
      cursor?.stop();
      for (const unsubscribe of unsubscribes) unsubscribe();
    }
  });
  // streamSSE sets `no-cache`; a live stream is never stored, and proxies must not buffer it
  res.headers.set('cache-control', 'no-store');
  res.headers.set('x-accel-buffering', 'no');
  return res;
}
