'use client';
/**
 * The offline outbox: requests a person made while the network was away (a booking, a staff
 * status change or note), kept in IndexedDB (`revivatech-offline`) until they can be sent.
 *
 * - Each item's `id` is the request's Idempotency-Key, so a replay the server already answered
 *   is never applied twice.
 * - `flushOutbox` sends one queue's waiting items oldest first, one flusher at a time across
 *   tabs (`navigator.locks` where present, else one per tab), and stops at the first item the
 *   network could not take ('keep') so the order is kept.
 * - Every change is announced to listeners in this tab and, through a BroadcastChannel, in the
 *   other tabs of the same origin.
 *
 * Browser-only: call it from effects and handlers, never while rendering on the server.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export type OutboxQueue = 'booking' | 'console';
export type OutboxState = 'waiting' | 'sending' | 'conflict' | 'failed';

export interface OutboxItem {
  /** A uuid; also the request's Idempotency-Key. */
  id: string;
  queue: OutboxQueue;
  /** What the request is about (e.g. an order id): a conflict holds back later items of it. */
  scope?: string;
  method: string;
  url: string;
  /** The request body exactly as it will be sent (JSON). */
  body: unknown;
  headers?: Record<string, string>;
  /** What the person sees in lists of waiting changes. */
  label: string;
  authorId?: string;
  createdAt: number;
  attempts: number;
  state: OutboxState;
  lastError?: { status: number; body: unknown };
}

/** What `send` says about one item. */
export type SendResult = 'sent' | 'keep' | 'conflict' | 'drop';
/**
 * `send` may also answer with an object to record the server's answer on the item
 * (`lastError`), and with 'failed' for a refusal that retrying will not change (the item stays,
 * marked failed, for its author to see, edit or discard).
 */
export type SendOutcome =
  SendResult | { result: SendResult | 'failed'; lastError?: { status: number; body: unknown } };

export interface FlushSummary {
  sent: number;
  dropped: number;
  conflicts: number;
  failed: number;
  /** True when it stopped early because an item had to be kept (the network is down). */
  stopped: boolean;
}

export interface OutboxChange {
  queue: OutboxQueue | null;
  id: string | null;
}

export type NewOutboxItem = Omit<OutboxItem, 'createdAt' | 'attempts' | 'state'> &
  Partial<Pick<OutboxItem, 'createdAt' | 'attempts' | 'state'>>;

/** Stored form: a sequence number keeps FIFO order among items made in the same millisecond. */
type StoredItem = OutboxItem & { seq: number };

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: StoredItem; indexes: { 'by-queue': [string, number] } };
}

const DB_NAME = 'revivatech-offline';
const STORE = 'outbox';
const CHANNEL = 'revivatech-offline-outbox';

let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;

function db(): Promise<IDBPDatabase<OutboxDb>> {
  if (!dbPromise) {
    dbPromise = openDB<OutboxDb>(DB_NAME, 1, {
      upgrade(database) {
        const store = database.createObjectStore(STORE, { keyPath: 'id' });
        store.createIndex('by-queue', ['queue', 'seq']);
      },
      // another tab opens a newer version: let it, and reopen on the next call
      blocking() {
        void dbPromise?.then((d) => d.close());
        dbPromise = null;
      },
      terminated() {
        dbPromise = null;
      },
    });
  }
  return dbPromise;
}

function strip(stored: StoredItem): OutboxItem {
  const { seq: _seq, ...item } = stored;
  return item;
}

// ---- change events -------------------------------------------------------------------------

const listeners = new Set<(change: OutboxChange) => void>();
let channel: BroadcastChannel | null = null;

function ensureChannel(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<OutboxChange>) => {
    for (const listener of [...listeners]) listener(event.data);
  };
  return channel;
}

function announce(change: OutboxChange) {
  for (const listener of [...listeners]) listener(change);
  ensureChannel()?.postMessage(change);
}

/** Calls `listener` after every change to the outbox, in this tab or another. */
export function onOutboxChange(listener: (change: OutboxChange) => void): () => void {
  ensureChannel();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

// ---- items ---------------------------------------------------------------------------------

/** Stores an item (replacing one with the same id, which keeps its place in the queue). */
export async function addToOutbox(input: NewOutboxItem): Promise<OutboxItem> {
  const database = await db();
  const tx = database.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  const existing = await store.get(input.id);
  let seq = existing?.seq;
  if (seq === undefined) {
    const last = await store
      .index('by-queue')
      .openCursor(IDBKeyRange.bound([input.queue, -Infinity], [input.queue, Infinity]), 'prev');
    seq = (last?.value.seq ?? 0) + 1;
  }
  const item: OutboxItem = {
    ...input,
    createdAt: input.createdAt ?? Date.now(),
    attempts: input.attempts ?? 0,
    state: input.state ?? 'waiting',
  };
  await store.put({ ...item, seq });
  await tx.done;
  announce({ queue: item.queue, id: item.id });
  return item;
}

/** The items of one queue (or all), oldest first. */
export async function listOutbox(queue?: OutboxQueue): Promise<OutboxItem[]> {
  const database = await db();
  const rows = queue
    ? await database.getAllFromIndex(
        STORE,
        'by-queue',
        IDBKeyRange.bound([queue, -Infinity], [queue, Infinity]),
      )
    : (await database.getAll(STORE)).sort((a, b) => a.createdAt - b.createdAt || a.seq - b.seq);
  return rows.map(strip);
}

export async function getOutboxItem(id: string): Promise<OutboxItem | undefined> {
  const row = await (await db()).get(STORE, id);
  return row ? strip(row) : undefined;
}

export async function removeFromOutbox(id: string): Promise<void> {
  const database = await db();
  const row = await database.get(STORE, id);
  await database.delete(STORE, id);
  announce({ queue: row?.queue ?? null, id });
}

/** Changes some fields of an item; undefined when it is no longer there. */
export async function updateOutboxItem(
  id: string,
  patch: Partial<Omit<OutboxItem, 'id' | 'queue'>>,
): Promise<OutboxItem | undefined> {
  const database = await db();
  const tx = database.transaction(STORE, 'readwrite');
  const row = await tx.store.get(id);
  if (!row) {
    await tx.done;
    return undefined;
  }
  const next: StoredItem = { ...row, ...patch, id: row.id, queue: row.queue, seq: row.seq };
  await tx.store.put(next);
  await tx.done;
  announce({ queue: next.queue, id });
  return strip(next);
}

export async function outboxCount(queue?: OutboxQueue): Promise<number> {
  const database = await db();
  return queue
    ? database.countFromIndex(STORE, 'by-queue', IDBKeyRange.bound([queue, -Infinity], [queue, Infinity]))
    : database.count(STORE);
}

// ---- flushing ------------------------------------------------------------------------------

/** Per queue: the flush of this tab that is waiting for its turn (calls meanwhile join it). */
const queued = new Map<OutboxQueue, Promise<FlushSummary>>();
/** Per queue: the end of this tab's chain of flushes (one at a time even without locks). */
const tails = new Map<OutboxQueue, Promise<unknown>>();

function withLock<T>(queue: OutboxQueue, run: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) {
    return locks.request(`${DB_NAME}:flush:${queue}`, run) as Promise<T>;
  }
  return run();
}

/**
 * Sends the waiting items of `queue`, oldest first, through `send`:
 * - 'sent': the server took it; the item leaves the outbox.
 * - 'keep': not sent (the network is down); the item waits and the flush stops here.
 * - 'conflict': the server refused it because things changed meanwhile; the item stays, marked
 *   'conflict' (with `lastError` when `send` gives it), for its author to resolve.
 * - 'drop': nothing more to do with it; the item leaves the outbox.
 * A conflict or failure holds back the later items of the same `scope` (they were made on top
 * of it); other items go on. A `send` that throws counts as 'keep'.
 *
 * One flusher runs at a time (across tabs with `navigator.locks`); calling it while this tab
 * already has one waiting returns that one.
 */
export function flushOutbox(
  queue: OutboxQueue,
  send: (item: OutboxItem) => Promise<SendOutcome>,
): Promise<FlushSummary> {
  const waiting = queued.get(queue);
  if (waiting) return waiting;
  const previous = tails.get(queue) ?? Promise.resolve();
  const mine = previous
    .catch(() => undefined)
    .then(() => {
      queued.delete(queue);
      return withLock(queue, () => flushNow(queue, send));
    });
  queued.set(queue, mine);
  tails.set(queue, mine);
  void mine.finally(() => {
    if (tails.get(queue) === mine) tails.delete(queue);
    if (queued.get(queue) === mine) queued.delete(queue);
  });
  return mine;
}

async function flushNow(
  queue: OutboxQueue,
  send: (item: OutboxItem) => Promise<SendOutcome>,
): Promise<FlushSummary> {
  const summary: FlushSummary = { sent: 0, dropped: 0, conflicts: 0, failed: 0, stopped: false };
  // holding the lock, nobody else is sending: an item left 'sending' was cut off (a closed tab)
  for (const item of await listOutbox(queue)) {
    if (item.state === 'sending') await updateOutboxItem(item.id, { state: 'waiting' });
  }
  const done = new Set<string>();
  for (;;) {
    const items = await listOutbox(queue);
    const blocked = new Set<string>();
    let next: OutboxItem | undefined;
    for (const item of items) {
      if (item.state === 'conflict' || item.state === 'failed') {
        if (item.scope) blocked.add(item.scope);
        continue;
      }
      if (item.state !== 'waiting' || done.has(item.id)) continue;
      if (item.scope && blocked.has(item.scope)) continue;
      next = item;
      break;
    }
    if (!next) return summary;
    done.add(next.id);

    const sending = await updateOutboxItem(next.id, {
      state: 'sending',
      attempts: next.attempts + 1,
    });
    if (!sending) continue; // discarded meanwhile
    let outcome: SendOutcome;
    try {
      outcome = await send(sending);
    } catch (error) {
      outcome = {
        result: 'keep',
        lastError: { status: 0, body: error instanceof Error ? error.message : String(error) },
      };
    }
    const result = typeof outcome === 'string' ? outcome : outcome.result;
    const lastError = typeof outcome === 'string' ? undefined : outcome.lastError;
    const extra = lastError ? { lastError } : {};
    switch (result) {
      case 'sent':
        summary.sent++;
        await removeFromOutbox(next.id);
        break;
      case 'drop':
        summary.dropped++;
        await removeFromOutbox(next.id);
        break;
      case 'conflict':
        summary.conflicts++;
        await updateOutboxItem(next.id, { state: 'conflict', ...extra });
        break;
      case 'failed':
        summary.failed++;
        await updateOutboxItem(next.id, { state: 'failed', ...extra });
        break;
      case 'keep':
        await updateOutboxItem(next.id, { state: 'waiting', ...extra });
        summary.stopped = true;
        return summary;
    }
  }
}
