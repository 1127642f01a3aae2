import { afterEach, describe, expect, it } from 'vitest';
import { closeEventBus, createMemoryBus, getEventBus, setEventBus, type BusMessage } from './events';

describe('the in-process event bus', () => {
  afterEach(() => closeEventBus());

  it('delivers a message to every subscriber of its channel, and only theirs', async () => {
    const bus = createMemoryBus();
    const a: BusMessage[] = [];
    const b: BusMessage[] = [];
    const other: BusMessage[] = [];
    await bus.subscribe('order:1', (m) => a.push(m));
    await bus.subscribe('order:1', (m) => b.push(m));
    await bus.subscribe('order:2', (m) => other.push(m));
    await bus.publish('order:1', { eventId: 7 });
    expect(a).toEqual([{ eventId: 7 }]);
    expect(b).toEqual([{ eventId: 7 }]);
    expect(other).toEqual([]);
  });

  it('stops delivering after unsubscribe, and close drops everyone', async () => {
    const bus = createMemoryBus();
    const got: BusMessage[] = [];
    const off = await bus.subscribe('orders', (m) => got.push(m));
    await bus.publish('orders', { n: 1 });
    off();
    off();
    await bus.publish('orders', { n: 2 });
    await bus.subscribe('orders', (m) => got.push(m));
    await bus.close();
    await bus.publish('orders', { n: 3 });
    expect(got).toEqual([{ n: 1 }]);
  });

  it('is one per process (on globalThis) until replaced or closed', async () => {
    const first = getEventBus();
    expect(getEventBus()).toBe(first);
    expect(first.kind).toBe('memory');
    const replacement = createMemoryBus();
    setEventBus(replacement);
    expect(getEventBus()).toBe(replacement);
    await closeEventBus();
    expect(getEventBus()).not.toBe(replacement);
  });
});
