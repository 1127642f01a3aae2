import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as ConsoleOutbox from './console-outbox';
import type * as Outbox from '@/features/offline/components';

/**
 * The console's use of the outbox, against IndexedDB (fake-indexeddb) and a fetch that answers
 * as the staff API does (JSON state, problem+json refusals); the API itself is covered by
 * tests/integration/order-versions.test.ts and the browser journey by
 * tests/e2e/offline-console.spec.ts.
 */
let mod: typeof ConsoleOutbox;
let outbox: typeof Outbox;
let online = true;
const sent: Array<{ url: string; headers: Record<string, string>; body: Record<string, unknown> }> = [];
let answer: (url: string, body: Record<string, unknown>) => Response | Promise<Response>;

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
  answer = (_url, body) => json(200, { status: body.to ?? 'received', version: 2 });
  vi.stubGlobal('navigator', {
    get onLine() {
      return online;
    },
  });
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (!online) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    sent.push({ url, headers: init.headers as Record<string, string>, body });
    return answer(url, body);
  });
  mod = await import('./console-outbox');
  outbox = await import('@/features/offline/components');
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const change = (over: Partial<ConsoleOutbox.ConsoleChange> = {}): ConsoleOutbox.ConsoleChange => ({
  kind: 'status',
  orderId: 'order-1',
  reference: 'RT-AAAAAA',
  body: { to: 'diagnosing', expectedVersion: 3 },
  label: 'RT-AAAAAA: Start diagnosis',
  authorId: 'tech-1',
  ...over,
});

describe('console outbox', () => {
  it('sends at once when online, with an Idempotency-Key', async () => {
    const result = await mod.submitChange(change());
    expect(result.outcome).toBe('sent');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe('/api/staff/orders/order-1/status');
    expect(sent[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(await outbox.listOutbox('console')).toEqual([]);
  });

  it('queues offline, and when the request fails on the way (keeping its key)', async () => {
    online = false;
    const queued = await mod.submitChange(change());
    expect(queued.outcome).toBe('queued');
    const [item] = await outbox.listOutbox('console');
    expect(item).toMatchObject({
      queue: 'console',
      scope: 'order-1',
      authorId: 'tech-1',
      state: 'waiting',
      body: { to: 'diagnosing', expectedVersion: 3 },
    });
    expect(mod.itemTargetStatus(item!)).toBe('diagnosing');
    expect(mod.itemReference(item!)).toBe('RT-AAAAAA');

    // a later change of the same order queues behind it even once online
    online = true;
    const note = await mod.submitChange(change({ kind: 'note', body: { body: 'Checked the board' } }));
    expect(note.outcome).toBe('queued');
    expect(sent).toHaveLength(0);
  });

  it('never queues a change marked neverQueue (an intake with a passcode)', async () => {
    online = false;
    const result = await mod.submitChange(change({ kind: 'intake', neverQueue: true }));
    expect(result.outcome).toBe('unreachable');
    expect(await outbox.listOutbox('console')).toEqual([]);
  });

  it('sends in order; later changes follow the version the server answered', async () => {
    online = false;
    await mod.submitChange(change());
    await mod.submitChange(change({ body: { to: 'repairing', expectedVersion: 3 } }));
    await mod.submitChange(change({ kind: 'note', body: { body: 'Parts ordered' } }));
    online = true;
    let version = 3;
    answer = (_url, body) => json(200, { status: body.to, version: ++version });
    const summary = await mod.flushConsole('tech-1');
    expect(summary).toMatchObject({ sent: 3, conflicts: 0, stopped: false });
    expect(sent.map((s) => s.body.expectedVersion)).toEqual([3, 4, undefined]);
    expect(sent.map((s) => s.url.split('/').pop())).toEqual(['status', 'status', 'notes']);
    // the reference kept for the list is never sent
    expect(sent.every((s) => !('x-console-reference' in s.headers))).toBe(true);
    expect(await outbox.listOutbox('console')).toEqual([]);
  });

  it('keeps a VERSION_CONFLICT for its author, with their state, and holds back the order', async () => {
    online = false;
    await mod.submitChange(change());
    await mod.submitChange(change({ kind: 'note', body: { body: 'after the move' } }));
    await mod.submitChange(change({ orderId: 'order-2', body: { to: 'diagnosing', expectedVersion: 1 } }));
    online = true;
    const current = {
      status: 'cancelled',
      version: 7,
      assignedTechnicianId: null,
      updatedAt: '',
      statusEnteredAt: '',
    };
    answer = (url, body) =>
      url.includes('order-1')
        ? json(409, { status: 409, code: 'VERSION_CONFLICT', detail: 'changed', current })
        : json(200, { status: body.to, version: 2 });
    const summary = await mod.flushConsole('tech-1');
    expect(summary).toMatchObject({ sent: 1, conflicts: 1 });
    const left = await outbox.listOutbox('console');
    expect(left.map((i) => [i.scope, i.state])).toEqual([
      ['order-1', 'conflict'],
      ['order-1', 'waiting'],
    ]);
    expect(mod.theirState(left[0]!)).toMatchObject({ status: 'cancelled', version: 7 });

    // "apply mine on top": back in line on their version
    await mod.retryOnTop(left[0]!, 7);
    answer = (_url, body) => json(200, { status: body.to ?? 'x', version: 8 });
    await mod.flushConsole('tech-1');
    expect(sent.at(-2)!.body).toMatchObject({ to: 'diagnosing', expectedVersion: 7 });
    expect(await outbox.listOutbox('console')).toEqual([]);
  });

  it('marks a refusal for good as failed, and keeps an item the server could not take', async () => {
    online = false;
    await mod.submitChange(change());
    await mod.submitChange(change({ orderId: 'order-2' }));
    online = true;
    answer = (url) =>
      url.includes('order-1')
        ? json(409, { status: 409, code: 'CONFLICT', detail: 'An order cannot move from "collected"' })
        : json(503, { status: 503, code: 'UNAVAILABLE', detail: 'down' });
    const summary = await mod.flushConsole('tech-1');
    expect(summary).toMatchObject({ failed: 1, stopped: true });
    const left = await outbox.listOutbox('console');
    expect(left.map((i) => i.state)).toEqual(['failed', 'waiting']);
    expect(left[0]!.lastError?.status).toBe(409);
  });

  it("never sends another person's change with this session; it waits for its author", async () => {
    online = false;
    await mod.submitChange(change({ authorId: 'tech-2' }));
    await mod.submitChange(change({ orderId: 'order-2', body: { to: 'diagnosing', expectedVersion: 1 } }));
    online = true;
    const summary = await mod.flushConsole('tech-1');
    expect(summary).toMatchObject({ sent: 1, failed: 1 });
    expect(sent.map((s) => s.url)).toEqual(['/api/staff/orders/order-2/status']);
    const [held] = await outbox.listOutbox('console');
    expect(held).toMatchObject({ authorId: 'tech-2', state: 'failed' });

    expect(await mod.releaseOwnItems('tech-1')).toBe(0);
    expect(await mod.releaseOwnItems('tech-2')).toBe(1);
    await mod.flushConsole('tech-2');
    expect(sent).toHaveLength(2);
    expect(await outbox.listOutbox('console')).toEqual([]);
  });
});
