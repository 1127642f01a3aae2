/**
 * The Redis event bus against a real Redis (TEST_REDIS_URL; CI runs one on 127.0.0.1): two bus
 * instances stand in for two app processes.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { env } from '@/env';
import type { BusMessage, EventBus } from '@/server/events';
import { createRedisBus, RedisUnavailableError } from '@/server/events-redis';

const url = env.TEST_REDIS_URL;

function until(check: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() > deadline) reject(new Error('timed out'));
      else setTimeout(tick, 10);
    };
    tick();
  });
}

describe('the Redis bus refuses to start without Redis', () => {
  it('fails clearly and quickly when nothing answers', async () => {
    const err = await createRedisBus('redis://127.0.0.1:1', { connectTimeoutMs: 2_000 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RedisUnavailableError);
    expect((err as Error).message).toContain('redis://127.0.0.1:1');
    expect((err as Error).message).toMatch(/REDIS_URL/);
  });
});

describe.skipIf(!url)('the Redis event bus (needs TEST_REDIS_URL)', () => {
  const tag = randomBytes(4).toString('hex');
  const prefix = `rt-test-${tag}:`;
  let a: EventBus;
  let b: EventBus;
  let admin: Redis;

  beforeAll(async () => {
    a = await createRedisBus(url!, { prefix, name: `rt-test-a-${tag}` });
    b = await createRedisBus(url!, { prefix, name: `rt-test-b-${tag}` });
    admin = new Redis(url!);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await admin?.quit();
  });

  it('delivers a message published on one instance to a subscriber on the other', async () => {
    expect(b.kind).toBe('redis');
    const got: BusMessage[] = [];
    // subscribe resolves once Redis confirmed it: a publish straight after must arrive
    const off = await b.subscribe('order:1', (m) => got.push(m));
    await a.publish('order:1', { eventId: 1, visibility: 'customer' });
    await a.publish('order:2', { eventId: 2 });
    await until(() => got.length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([{ eventId: 1, visibility: 'customer' }]);
    off();
  });

  it('counts subscriptions per channel: Redis is unsubscribed when the last handler leaves', async () => {
    const channel = 'user:refcount';
    const first: BusMessage[] = [];
    const second: BusMessage[] = [];
    const offFirst = await b.subscribe(channel, (m) => first.push(m));
    const offSecond = await b.subscribe(channel, (m) => second.push(m));
    const subscribers = async () => {
      const [, n] = (await admin.pubsub('NUMSUB', prefix + channel)) as [string, number];
      return Number(n);
    };
    expect(await subscribers()).toBe(1);

    offFirst();
    await a.publish(channel, { notificationId: 1 });
    await until(() => second.length === 1);
    expect(first).toEqual([]);
    expect(await subscribers()).toBe(1);

    offSecond();
    let n = 1;
    for (let i = 0; i < 50 && n !== 0; i++) {
      n = await subscribers();
      if (n) await new Promise((r) => setTimeout(r, 20));
    }
    expect(n).toBe(0);
  });

  it('survives a dropped connection: re-subscribes, says "resync", and delivers again', async () => {
    const got: BusMessage[] = [];
    await b.subscribe('orders', (m) => got.push(m));
    const clients = (await admin.client('LIST')) as string;
    const line = clients.split('\n').find((l) => l.includes(`name=rt-test-b-${tag}-sub`));
    expect(line).toBeDefined();
    const id = /\bid=(\d+)/.exec(line!)![1]!;
    await admin.client('KILL', 'ID', id);

    await until(() => got.some((m) => m.resync === true), 10_000);
    await a.publish('orders', { eventId: 99 });
    await until(() => got.some((m) => m.eventId === 99), 5_000);
  });

  it('ignores malformed messages and refuses to publish once closed', async () => {
    const got: BusMessage[] = [];
    await b.subscribe('orders:malformed', (m) => got.push(m));
    await admin.publish(`${prefix}orders:malformed`, 'not json');
    await admin.publish(`${prefix}orders:malformed`, '[1,2]');
    await a.publish('orders:malformed', { ok: true });
    await until(() => got.length === 1);
    expect(got).toEqual([{ ok: true }]);

    const c = await createRedisBus(url!, { prefix });
    await c.close();
    await expect(c.publish('orders', {})).rejects.toThrow(/closed/);
  });
});
