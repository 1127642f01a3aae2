import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as CardRequests from './card-requests';
import type * as Outbox from '@/features/offline/components';

/**
 * The phone queue's requests against IndexedDB (fake-indexeddb) and a fetch that answers as the
 * staff API does: a swipe's move goes through the console outbox (offline it waits there with
 * its version, and its Undo takes it back out before it is sent); a take needs the connection.
 * The API itself: tests/integration/status-undo.test.ts; the browser: queue-swipe.mobile.spec.ts.
 */
let mod: typeof CardRequests;
let outbox: typeof Outbox;
let online = true;
const sent: Array<{ url: string; body: Record<string, unknown> }> = [];

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  online = true;
  sent.length = 0;
  vi.stubGlobal('navigator', {
    get onLine() {
      return online;
    },
  });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    sent.push({ url, body });
    if (url.endsWith('/status')) {
      return json(200, { status: body.to, version: 4, undo: { eventId: 77, until: '2026-01-01T00:00:30Z' } });
    }
    if (url.endsWith('/status/undo')) return json(409, { code: 'CONFLICT', detail: 'too late', status: 409 });
    return json(200, { status: 'booked', version: 2, assignedTechnicianId: body.technicianId });
  });
  mod = await import('./card-requests');
  outbox = await import('@/features/offline/components');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const move = () =>
  mod.moveOrder({
    orderId: 'order-1',
    reference: 'RT-AAAAAA',
    to: 'diagnosing',
    version: 3,
    label: 'RT-AAAAAA: Start diagnosis',
    userId: 'tech-1',
  });

describe('phone queue requests', () => {
  it('a move online is sent at once with its version, and answers the undo handle', async () => {
    const result = await move();
    expect(result).toMatchObject({ kind: 'done', state: { status: 'diagnosing', undo: { eventId: 77 } } });
    expect(sent[0]).toEqual({
      url: '/api/staff/orders/order-1/status',
      body: { to: 'diagnosing', expectedVersion: 3 },
    });
  });

  it('a move offline waits in the console outbox; its Undo takes it back out unsent', async () => {
    online = false;
    const result = await move();
    expect(result.kind).toBe('queued');
    const [item] = await outbox.listOutbox('console');
    expect(item).toMatchObject({ scope: 'order-1', body: { to: 'diagnosing', expectedVersion: 3 } });
    expect(await mod.unqueueMove(item!.id)).toBe(true);
    expect(await outbox.listOutbox('console')).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('a take offline is refused with a reason (nothing queued); online it assigns with the version', async () => {
    online = false;
    const refused = await mod.takeOrder('order-1', 'tech-1', 1, 'offline: later');
    expect(refused).toEqual({ kind: 'refused', problem: expect.objectContaining({ code: 'OFFLINE' }) });
    expect(await outbox.listOutbox('console')).toEqual([]);
    online = true;
    const taken = await mod.takeOrder('order-1', 'tech-1', 1, 'offline: later');
    expect(taken.kind).toBe('done');
    expect(sent[0]).toEqual({
      url: '/api/staff/orders/order-1/assign',
      body: { technicianId: 'tech-1', expectedVersion: 1 },
    });
    const released = await mod.releaseOrder('order-1', 2, 'offline');
    expect(released.kind).toBe('done');
    expect(sent[1]!.body).toEqual({ technicianId: null, expectedVersion: 2 });
  });

  it("an undo the server refuses comes back with the server's reason", async () => {
    const result = await mod.undoMove('order-1', 77, 'offline');
    expect(result).toMatchObject({ kind: 'refused', problem: { status: 409, detail: 'too late' } });
    expect(sent[0]).toEqual({ url: '/api/staff/orders/order-1/status/undo', body: { eventId: 77 } });
  });
});
