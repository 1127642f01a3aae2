/**
 * The outbox: "after X happened" work that must not be lost but need not happen inside X's
 * transaction (e.g. telling the staff of a new booking). X writes one row per event in its own
 * transaction (`topic.insertFrom` inside X's statement, or `topic.write`), so the event commits
 * or rolls back with X; after the commit the effects are carried out in a transaction of their
 * own, which deletes the rows it handled: they happen once, and a crash in between leaves the
 * row for the next flush.
 *
 * Who flushes: a process that works the queue flushes right after a commit (`kickOutbox`, one
 * flush at a time, so a burst of events is handled in batches); a web process started with
 * RUN_JOBS=false queues an `outbox` job for the worker processes instead. Either way the queue's
 * every-minute `outbox` schedule flushes whatever is left (a crash after the commit, a failed
 * try waiting for its retry). A failing handler undoes that event's effects only; the event is
 * tried again later (backoff), up to MAX_ATTEMPTS times, with its last error kept on the row.
 *
 * Handlers register per topic (the entry wires them: src/server/entry/hooks.ts), like
 * src/server/tx-hooks.ts, and may return a step to run after their commit (e.g. publish).
 */
import { and, asc, eq, inArray, lte, lt, sql, type SQL } from 'drizzle-orm';
import type { PgBoss } from 'pg-boss';
import { getDb, type Db } from '@/server/db/runtime';
import { outboxEvents } from '@/server/db/schema';
import { logger } from '@/server/logger';
import { enqueue, ensureQueue, runningQueue, worksJobs, type QueueConfig } from '@/server/queue';

export type OutboxHandler<E> = (tx: Db, event: E) => Promise<(() => void) | void>;

/** A handler given every event of its topic in a flush at once (e.g. to read what they share once). */
export type OutboxBatchHandler<E> = (tx: Db, events: E[]) => Promise<(() => void) | void>;

export interface OutboxTopic<E> {
  readonly name: string;
  /** Registers a handler (registering the same function again changes nothing). */
  on(handler: OutboxHandler<E>): void;
  /** Registers a handler for the flush's events of this topic together. */
  onBatch(handler: OutboxBatchHandler<E>): void;
  /** `INSERT … SELECT … FROM <from>`: the event, once per row of `from`, inside a caller's statement. */
  insertFrom(from: SQL, event: E): SQL;
  /** Writes the event with `db` (the cause's transaction). */
  write(db: Db, event: E): Promise<void>;
}

/** The queue whose jobs (a kick from an enqueue-only process, the minute's sweep) flush the outbox. */
export const OUTBOX_QUEUE = 'outbox';
/**
 * Events handled per transaction. Small: on PGlite a transaction holds the whole database, so a
 * long flush would make the bookings arriving meanwhile wait for all of it; between two batches
 * they get their turn.
 */
export const OUTBOX_BATCH = 20;
/** tries before an event is left alone (its row stays, with its last error) */
export const MAX_ATTEMPTS = 8;

interface FlushState {
  running: Promise<void> | null;
  again: boolean;
}

declare global {
  // one registry per process: Next's bundle and the server's own modules share it
  var __rtOutbox: Map<string, Set<OutboxHandler<never>>> | undefined;
  var __rtOutboxFlush: FlushState | undefined;
}

type AnyHandler = { one: OutboxHandler<unknown> } | { batch: OutboxBatchHandler<unknown> };

function handlersOf(topic: string): Set<AnyHandler> {
  const all = (globalThis.__rtOutbox ??= new Map());
  let set = all.get(topic);
  if (!set) all.set(topic, (set = new Set()));
  return set as unknown as Set<AnyHandler>;
}

/** Adds a handler once (by its function). */
function register(topic: string, entry: AnyHandler): void {
  const set = handlersOf(topic);
  const fn = 'one' in entry ? entry.one : entry.batch;
  for (const h of set) if (('one' in h ? h.one : h.batch) === fn) return;
  set.add(entry);
}

export function outboxTopic<E extends object>(name: string): OutboxTopic<E> {
  return {
    name,
    on(handler) {
      register(name, { one: handler as OutboxHandler<unknown> });
    },
    onBatch(handler) {
      register(name, { batch: handler as OutboxBatchHandler<unknown> });
    },
    insertFrom(from, event) {
      return sql`INSERT INTO ${outboxEvents} (topic, payload) SELECT ${name}, ${JSON.stringify(event)}::jsonb FROM ${from}`;
    },
    async write(db, event) {
      await db.insert(outboxEvents).values({ topic: name, payload: event });
    },
  };
}

type Row = Pick<typeof outboxEvents.$inferSelect, 'id' | 'topic' | 'payload'>;

/** Runs the handlers of these events (batch handlers once per topic); returns their after-commit steps. */
async function handle(tx: Db, rows: readonly Row[]): Promise<Array<() => void>> {
  const steps: Array<() => void> = [];
  const byTopic = new Map<string, unknown[]>();
  for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row.payload]);
  for (const [topic, events] of byTopic) {
    for (const handler of handlersOf(topic)) {
      if ('batch' in handler) {
        const step = await handler.batch(tx, events);
        if (step) steps.push(step);
      } else {
        for (const event of events) {
          const step = await handler.one(tx, event);
          if (step) steps.push(step);
        }
      }
    }
  }
  return steps;
}

/**
 * Carries out up to `limit` due events in one transaction; returns how many it took. All of a
 * batch's events run in one savepoint; when one fails, the batch is redone one savepoint per
 * event, so only the failing event is undone (and retried later).
 */
export async function processOutbox(db: Db, limit = OUTBOX_BATCH, now = new Date()): Promise<number> {
  const topics = [...(globalThis.__rtOutbox ?? new Map<string, Set<unknown>>())]
    .filter(([, set]) => set.size > 0)
    .map(([topic]) => topic);
  if (topics.length === 0) return 0;
  const after: Array<() => void> = [];
  const taken = await db.transaction(async (tx) => {
    const rows: Row[] = await tx
      .select({ id: outboxEvents.id, topic: outboxEvents.topic, payload: outboxEvents.payload })
      .from(outboxEvents)
      .where(
        and(
          inArray(outboxEvents.topic, topics),
          lte(outboxEvents.runAfter, now),
          lt(outboxEvents.attempts, MAX_ATTEMPTS),
        ),
      )
      .orderBy(asc(outboxEvents.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (rows.length === 0) return 0;

    const done: number[] = [];
    try {
      const steps = await tx.transaction((sp) => handle(sp, rows));
      after.push(...steps);
      done.push(...rows.map((r) => r.id));
    } catch {
      for (const row of rows) {
        try {
          after.push(...(await tx.transaction((sp) => handle(sp, [row]))));
          done.push(row.id);
        } catch (err) {
          logger.error(
            { err, topic: row.topic, eventId: row.id },
            'an outbox event failed; it will be tried again',
          );
          await tx
            .update(outboxEvents)
            .set({
              attempts: sql`${outboxEvents.attempts} + 1`,
              lastError: err instanceof Error ? err.message : String(err),
              // 10 s, 20 s, 40 s, … up to an hour
              runAfter: sql`now() + make_interval(secs => least(3600, 10 * power(2, ${outboxEvents.attempts})))`,
            })
            .where(eq(outboxEvents.id, row.id));
        }
      }
    }
    if (done.length > 0) await tx.delete(outboxEvents).where(inArray(outboxEvents.id, done));
    return rows.length;
  });
  for (const step of after) {
    try {
      step();
    } catch (err) {
      logger.error({ err }, 'an outbox after-commit step failed');
    }
  }
  return taken;
}

const flushState = (): FlushState => (globalThis.__rtOutboxFlush ??= { running: null, again: false });

/** Flushes in this process until nothing is due, one flush at a time; the running one if any. */
function flushHere(): Promise<void> {
  const state = flushState();
  if (state.running) {
    state.again = true;
    return state.running;
  }
  state.again = false;
  const running = (async () => {
    // let the request that kicked answer first
    await new Promise((resolve) => setImmediate(resolve));
    const db = await getDb();
    do {
      state.again = false;
      while ((await processOutbox(db)) === OUTBOX_BATCH);
    } while (state.again);
  })()
    .catch((err: unknown) => logger.error({ err }, 'the outbox flush failed; the sweep will try again'))
    .finally(() => {
      state.running = null;
      if (state.again) void flushHere();
    });
  state.running = running;
  return running;
}

let waking = false;

/**
 * After a commit that wrote outbox events: have them carried out soon. Never throws; an event
 * whose flush does not happen now is taken by the next one or by the minute's sweep.
 */
export function kickOutbox(): void {
  if (runningQueue() && !worksJobs()) {
    // RUN_JOBS=false: the worker processes flush (one queued job at most: the queue's policy)
    if (waking) return;
    waking = true;
    enqueue(OUTBOX_QUEUE, {}, { send: { singletonKey: 'flush' } })
      .catch((err: unknown) => logger.error({ err }, 'could not queue the outbox flush; the sweep will'))
      .finally(() => {
        waking = false;
      });
    return;
  }
  void flushHere();
}

/**
 * Waits for this process's flush, then carries out whatever is still due (tests, and a caller
 * that needs the effects now).
 */
export async function drainOutbox(db: Db): Promise<void> {
  const running = flushState().running;
  if (running) await running;
  while ((await processOutbox(db)) > 0);
}

/** The queue's side: a kick or the minute's schedule flushes in the worker. */
export async function registerOutboxWorkers(boss: PgBoss, config: QueueConfig): Promise<void> {
  await ensureQueue(OUTBOX_QUEUE, { policy: 'short', retryLimit: 0, expireInSeconds: 300 });
  await boss.work(OUTBOX_QUEUE, { pollingIntervalSeconds: config.pollingIntervalSeconds, batchSize: 1 }, () =>
    flushHere(),
  );
  await boss.schedule(OUTBOX_QUEUE, '* * * * *');
}
