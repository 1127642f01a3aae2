import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as OutboxModule from './outbox';

type Outbox = typeof OutboxModule;

/** A fresh copy of the module, as another tab would have (same IndexedDB, own memory). */
async function tab(): Promise<Outbox> {
  vi.resetModules();
  return import('./outbox');
}

/** A minimal exclusive LockManager (Node has none): what Chromium's navigator.locks does. */
function installLocks() {
  const tails = new Map<string, Promise<unknown>>();
  const locks = {
    request(name: string, run: () => Promise<unknown>) {
      const before = tails.get(name) ?? Promise.resolve();
      const mine = before.catch(() => undefined).then(run);
      tails.set(name, mine);
      return mine;
    },
  };
  vi.stubGlobal('navigator', { locks, onLine: true });
}

const item = (id: string, extra: Partial<OutboxModule.NewOutboxItem> = {}) => ({
  id,
  queue: 'booking' as const,
  method: 'POST',
  url: '/api/bookings',
  body: { n: id },
  label: `booking ${id}`,
  ...extra,
});

const changes: OutboxModule.OutboxChange[] = [];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  changes.length = 0;
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('outbox items', () => {
  it('stores items with defaults, lists them per queue oldest first, counts, updates and removes', async () => {
    const o = await tab();
    await o.addToOutbox(item('b1', { createdAt: 1000 }));
    await o.addToOutbox(item('c1', { queue: 'console', scope: 'order-1' }));
    await o.addToOutbox(item('b2', { createdAt: 1000 })); // same millisecond: still after b1
    await o.addToOutbox(item('b3'));

    expect((await o.listOutbox('booking')).map((i) => i.id)).toEqual(['b1', 'b2', 'b3']);
    expect((await o.listOutbox('console')).map((i) => i.id)).toEqual(['c1']);
    expect(await o.outboxCount('booking')).toBe(3);
    expect(await o.outboxCount()).toBe(4);
    const b1 = (await o.listOutbox('booking'))[0]!;
    expect(b1).toEqual({ ...item('b1'), createdAt: 1000, attempts: 0, state: 'waiting' });
    expect(b1).not.toHaveProperty('seq');

    const updated = await o.updateOutboxItem('b2', {
      state: 'conflict',
      lastError: { status: 409, body: { code: 'SLOT_FULL' } },
    });
    expect(updated?.state).toBe('conflict');
    expect((await o.getOutboxItem('b2'))?.lastError).toEqual({ status: 409, body: { code: 'SLOT_FULL' } });
    expect(await o.updateOutboxItem('nope', { state: 'failed' })).toBeUndefined();

    await o.removeFromOutbox('b1');
    expect((await o.listOutbox('booking')).map((i) => i.id)).toEqual(['b2', 'b3']);
  });

  it('replacing an item with the same id keeps its place in the queue', async () => {
    const o = await tab();
    await o.addToOutbox(item('a'));
    await o.addToOutbox(item('b'));
    await o.addToOutbox(item('a', { body: { n: 'edited' } }));
    const rows = await o.listOutbox('booking');
    expect(rows.map((i) => i.id)).toEqual(['a', 'b']);
    expect(rows[0]!.body).toEqual({ n: 'edited' });
  });
});

describe('change events', () => {
  it('reaches listeners in this tab and in another tab, and stops after unsubscribe', async () => {
    const a = await tab();
    const b = await tab();
    const inA: OutboxModule.OutboxChange[] = [];
    const inB: OutboxModule.OutboxChange[] = [];
    const offA = a.onOutboxChange((c) => inA.push(c));
    const offB = b.onOutboxChange((c) => inB.push(c));

    await a.addToOutbox(item('x'));
    expect(inA).toEqual([{ queue: 'booking', id: 'x' }]);
    await vi.waitFor(() => expect(inB).toEqual([{ queue: 'booking', id: 'x' }]));
    // and the other tab reads the same database
    expect(await b.outboxCount('booking')).toBe(1);

    await b.updateOutboxItem('x', { label: 'y' });
    await vi.waitFor(() => expect(inA).toHaveLength(2));
    await b.removeFromOutbox('x');
    await vi.waitFor(() => expect(inA).toHaveLength(3));
    expect(inA[2]).toEqual({ queue: 'booking', id: 'x' });

    offA();
    await a.addToOutbox(item('z'));
    await vi.waitFor(() => expect(inB).toHaveLength(4));
    expect(inA).toHaveLength(3);
    offB();
  });
});

describe('flushOutbox', () => {
  it('sends waiting items in FIFO order and removes the sent ones', async () => {
    const o = await tab();
    for (const id of ['1', '2', '3']) await o.addToOutbox(item(id));
    await o.addToOutbox(item('c', { queue: 'console' }));
    const seen: string[] = [];
    const summary = await o.flushOutbox('booking', async (i) => {
      seen.push(i.id);
      expect(i.state).toBe('sending');
      expect(i.attempts).toBe(1);
      return 'sent';
    });
    expect(seen).toEqual(['1', '2', '3']);
    expect(summary).toEqual({ sent: 3, dropped: 0, conflicts: 0, failed: 0, stopped: false });
    expect(await o.outboxCount('booking')).toBe(0);
    expect(await o.outboxCount('console')).toBe(1); // other queue untouched
  });

  it("stops at the first 'keep' so the order is kept, and tries it first next time", async () => {
    const o = await tab();
    for (const id of ['1', '2', '3']) await o.addToOutbox(item(id));
    const seen: string[] = [];
    const summary = await o.flushOutbox('booking', async (i) => {
      seen.push(i.id);
      return i.id === '2' ? 'keep' : 'sent';
    });
    expect(seen).toEqual(['1', '2']);
    expect(summary.stopped).toBe(true);
    const left = await o.listOutbox('booking');
    expect(left.map((i) => [i.id, i.state, i.attempts])).toEqual([
      ['2', 'waiting', 1],
      ['3', 'waiting', 0],
    ]);

    seen.length = 0;
    await o.flushOutbox('booking', async (i) => {
      seen.push(i.id);
      return 'sent';
    });
    expect(seen).toEqual(['2', '3']);
  });

  it('a send that throws counts as keep and records the error', async () => {
    const o = await tab();
    await o.addToOutbox(item('1'));
    await o.addToOutbox(item('2'));
    const summary = await o.flushOutbox('booking', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(summary.stopped).toBe(true);
    const first = await o.getOutboxItem('1');
    expect(first).toMatchObject({
      state: 'waiting',
      attempts: 1,
      lastError: { status: 0, body: 'Failed to fetch' },
    });
    expect((await o.getOutboxItem('2'))?.attempts).toBe(0);
  });

  it('keeps a conflict with its answer, holds back later items of the same scope, sends the rest', async () => {
    const o = await tab();
    await o.addToOutbox(item('a1', { queue: 'console', scope: 'A' }));
    await o.addToOutbox(item('b1', { queue: 'console', scope: 'B' }));
    await o.addToOutbox(item('a2', { queue: 'console', scope: 'A' }));
    await o.addToOutbox(item('n1', { queue: 'console' }));
    const seen: string[] = [];
    const summary = await o.flushOutbox('console', async (i) => {
      seen.push(i.id);
      if (i.id === 'a1') {
        return { result: 'conflict', lastError: { status: 409, body: { code: 'VERSION_CONFLICT' } } };
      }
      return 'sent';
    });
    expect(seen).toEqual(['a1', 'b1', 'n1']);
    expect(summary).toMatchObject({ sent: 2, conflicts: 1, stopped: false });
    const left = await o.listOutbox('console');
    expect(left.map((i) => [i.id, i.state])).toEqual([
      ['a1', 'conflict'],
      ['a2', 'waiting'],
    ]);
    expect(left[0]!.lastError).toEqual({ status: 409, body: { code: 'VERSION_CONFLICT' } });

    // a later flush does not resend the conflict nor what it holds back
    seen.length = 0;
    await o.flushOutbox('console', async (i) => {
      seen.push(i.id);
      return 'sent';
    });
    expect(seen).toEqual([]);

    // resolved (discarded) by its author: the held-back item goes
    await o.removeFromOutbox('a1');
    await o.flushOutbox('console', async (i) => {
      seen.push(i.id);
      return 'sent';
    });
    expect(seen).toEqual(['a2']);
  });

  it("'drop' removes the item; 'failed' keeps it marked failed", async () => {
    const o = await tab();
    await o.addToOutbox(item('d'));
    await o.addToOutbox(item('f'));
    const summary = await o.flushOutbox('booking', async (i) =>
      i.id === 'd' ? 'drop' : { result: 'failed', lastError: { status: 422, body: { code: 'X' } } },
    );
    expect(summary).toMatchObject({ dropped: 1, failed: 1 });
    expect((await o.listOutbox('booking')).map((i) => [i.id, i.state])).toEqual([['f', 'failed']]);
  });

  it('runs one flusher at a time in a tab: no item is sent twice by overlapping calls', async () => {
    const o = await tab();
    for (const id of ['1', '2', '3']) await o.addToOutbox(item(id));
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const send = async (i: OutboxModule.OutboxItem) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(i.id);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return 'sent' as const;
    };
    await Promise.all([
      o.flushOutbox('booking', send),
      o.flushOutbox('booking', send),
      o.flushOutbox('booking', send),
    ]);
    expect(seen).toEqual(['1', '2', '3']);
    expect(maxInFlight).toBe(1);
  });

  it('runs one flusher at a time across tabs (navigator.locks)', async () => {
    installLocks();
    const a = await tab();
    const b = await tab();
    for (const id of ['1', '2', '3', '4']) await a.addToOutbox(item(id));
    let inFlight = 0;
    let maxInFlight = 0;
    const seen: string[] = [];
    const send = (who: string) => async (i: OutboxModule.OutboxItem) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      seen.push(`${who}:${i.id}`);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return 'sent' as const;
    };
    const [ra, rb] = await Promise.all([
      a.flushOutbox('booking', send('a')),
      b.flushOutbox('booking', send('b')),
    ]);
    expect(maxInFlight).toBe(1);
    expect(seen.map((s) => s.split(':')[1])).toEqual(['1', '2', '3', '4']);
    expect(ra.sent + rb.sent).toBe(4);
    expect(await a.outboxCount()).toBe(0);
  });

  it("puts back an item left 'sending' by a tab that closed mid-send", async () => {
    const o = await tab();
    await o.addToOutbox(item('1', { state: 'sending', attempts: 1 }));
    const seen: string[] = [];
    await o.flushOutbox('booking', async (i) => {
      seen.push(`${i.id}:${i.attempts}`);
      return 'sent';
    });
    expect(seen).toEqual(['1:2']);
  });
});
