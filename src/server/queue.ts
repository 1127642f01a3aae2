/**
 * The durable job queue: one pg-boss per process, on the app's own database (the embedded PGlite
 * through pg-boss's PGlite adapter, or PostgreSQL through pg-boss's own small pool).
 *
 * - Created lazily and only by `startQueue()` (called from src/server/main.ts after the database
 *   opens), never at import time: `next build` evaluates modules and must not start a queue.
 * - Kept on globalThis, like the database: Next's server bundle and the Node server's own
 *   modules are two module graphs in one process.
 * - `enqueue()` sends only when the queue runs in this process and returns null otherwise; the
 *   callers keep their own durable state (e.g. an e-mail row in status `queued`) that the
 *   periodic sweep re-enqueues, so nothing is lost when a job could not be sent.
 * - Workers run inside the web process (`startWorkers(...)`, called by the entry with every
 *   domain's registrations), unless it is started with RUN_JOBS=false (`work: false`): it then
 *   only enqueues, and `npm run worker` processes (src/server/worker.ts) work the jobs.
 */
import type { JobInsert, PgBoss, Queue, QueueOptions, SendOptions } from 'pg-boss';
import { sql, type SQL } from 'drizzle-orm';
import { env } from '@/env';
import { logger } from '@/server/logger';
import { logContext, withLogContext } from '@/server/request-context';
import { getDatabase, type DatabaseHandle, type Db } from '@/server/db/runtime';

/** pg-boss's schema in the app's database (its default, named here for `noLiveJob`). */
const QUEUE_SCHEMA = 'pgboss';

export interface QueueConfig {
  /** tries after the first one before a job (and its e-mail) is given up */
  retryLimit: number;
  /** first retry delay in seconds; doubled for each later try */
  retryDelaySeconds: number;
  /** how often idle workers poll, in seconds (>= 0.5) */
  pollingIntervalSeconds: number;
}

interface QueueState {
  boss: PgBoss;
  config: QueueConfig;
  queues: Set<string>;
  workers: boolean;
  /** false: this process only enqueues (RUN_JOBS=false); a worker process works the jobs */
  work: boolean;
}

declare global {
  var __rtQueue: Promise<QueueState> | undefined;
  var __rtQueueState: QueueState | undefined;
}

export function defaultQueueConfig(): QueueConfig {
  return {
    retryLimit: env.EMAIL_RETRY_LIMIT,
    retryDelaySeconds: env.EMAIL_RETRY_DELAY_SECONDS,
    pollingIntervalSeconds: env.QUEUE_POLL_SECONDS,
  };
}

async function createBoss(handle: DatabaseHandle, work: boolean): Promise<PgBoss> {
  const { PgBoss, fromPglite } = await import('pg-boss');
  // a process that does not work the queue leaves its upkeep (supervision, cron) to the workers
  // (every 15 s rather than pg-boss's 60: a job whose worker died is failed by its stale
  // heartbeat, and retried, that much sooner)
  const upkeep = work
    ? { superviseIntervalSeconds: 15, monitorIntervalSeconds: 15 }
    : { supervise: false, schedule: false };
  if (handle.kind === 'pglite') {
    if (!handle.pglite) throw new Error('the PGlite handle has no raw instance for the queue');
    return new PgBoss({ db: fromPglite(handle.pglite), backend: 'pglite', schema: QUEUE_SCHEMA, ...upkeep });
  }
  const url = handle.url ?? env.DATABASE_URL;
  if (!url) throw new Error('the queue needs the PostgreSQL connection string');
  return new PgBoss({
    connectionString: url,
    max: 4,
    application_name: 'revivatech-queue',
    schema: QUEUE_SCHEMA,
    ...upkeep,
  });
}

export interface StartQueueOptions {
  /** the database to use (default: the process database) */
  handle?: DatabaseHandle;
  config?: Partial<QueueConfig>;
  /**
   * Whether this process works the jobs (default true). false (RUN_JOBS=false): the queues are
   * created and jobs sent, but no worker, supervision or cron runs here.
   */
  work?: boolean;
}

/** Starts the process queue once (later calls return the same one). */
export function startQueue(opts: StartQueueOptions = {}): Promise<PgBoss> {
  globalThis.__rtQueue ??= (async () => {
    const handle = opts.handle ?? (await getDatabase());
    const work = opts.work ?? true;
    const boss = await createBoss(handle, work);
    boss.on('error', (err: unknown) => logger.error({ err }, 'queue error'));
    await boss.start();
    const state: QueueState = {
      boss,
      config: { ...defaultQueueConfig(), ...opts.config },
      queues: new Set(),
      workers: false,
      work,
    };
    globalThis.__rtQueueState = state;
    logger.info({ kind: handle.kind, work }, work ? 'queue started' : 'queue started (enqueue only)');
    return state;
  })().catch((err: unknown) => {
    globalThis.__rtQueue = undefined;
    throw err;
  });
  return globalThis.__rtQueue.then((s) => s.boss);
}

/** The running queue of this process, or null when none was started. */
export function runningQueue(): PgBoss | null {
  return globalThis.__rtQueueState?.boss ?? null;
}

export function queueConfig(): QueueConfig {
  return globalThis.__rtQueueState?.config ?? defaultQueueConfig();
}

/** A queue's options; `policy` and `partition` only take effect when the queue is created. */
export type EnsureQueueOptions = QueueOptions & Pick<Queue, 'policy' | 'partition'>;

/** Creates the queue once per process (pg-boss needs it before `send`) and applies its options. */
export async function ensureQueue(name: string, options: EnsureQueueOptions = {}): Promise<PgBoss> {
  const state = globalThis.__rtQueueState;
  if (!state) throw new Error('the queue is not started');
  if (!state.queues.has(name)) {
    const existing = await state.boss.getQueue(name);
    if (existing) {
      const { policy, partition: _partition, ...changeable } = options;
      if (policy && existing.policy !== policy) {
        logger.warn(
          { queue: name, policy: existing.policy, wanted: policy },
          'a queue keeps the policy it was created with',
        );
      }
      if (Object.keys(changeable).length > 0) await state.boss.updateQueue(name, changeable);
    } else await state.boss.createQueue(name, options);
    state.queues.add(name);
  }
  return state.boss;
}

export interface EnqueueOptions {
  queue?: EnsureQueueOptions;
  send?: SendOptions;
  startAfter?: Date;
  /**
   * The database or transaction to write the job with. Given a transaction, the job commits or
   * rolls back with the caller's own rows (pg-boss's `db` option through its Drizzle adapter), so
   * a crash after the commit cannot lose it. The queue must already exist in this process
   * (workers create theirs at start-up): creating it would go through pg-boss's own connection,
   * which on PGlite (one connection) waits for the very transaction that is asking.
   */
  db?: Db;
}

/**
 * A job enqueued while serving a request carries the request's id in its data (`reqId`): the
 * worker logs it with the job's id (see `startWorkers`), so a request can be followed into its
 * jobs across processes.
 */
function withRequestId(data: object): object {
  const reqId = logContext()?.reqId;
  return reqId && !('reqId' in data) ? { ...data, reqId } : data;
}

/**
 * Sends a job when the queue runs in this process; null when it does not, or when a `send`
 * singletonKey already has a live job on an `exclusive` queue (the caller's own durable state
 * must then let a sweep pick the work up later).
 */
export async function enqueue(name: string, data: object, opts: EnqueueOptions = {}): Promise<string | null> {
  const state = globalThis.__rtQueueState;
  if (!state) return null;
  if (opts.db && !state.queues.has(name)) {
    logger.warn({ queue: name }, 'a job was not queued in its transaction: its queue is not created yet');
    return null;
  }
  const boss = await ensureQueue(name, opts.queue);
  data = withRequestId(data);
  const send: SendOptions = { ...opts.send, ...(opts.startAfter ? { startAfter: opts.startAfter } : {}) };
  if (opts.db) {
    const { fromDrizzle } = await import('pg-boss');
    send.db = fromDrizzle(opts.db as unknown as Parameters<typeof fromDrizzle>[0], sql);
  }
  return boss.send(name, data, send);
}

/**
 * Sends several jobs in one statement (pg-boss `insert`), written with `db` like `enqueue`: given
 * a transaction, they commit or roll back with it. Null when the queue does not run here.
 */
export async function enqueueMany(
  name: string,
  jobs: JobInsert[],
  opts: Pick<EnqueueOptions, 'db' | 'queue'> = {},
): Promise<string[] | null> {
  const state = globalThis.__rtQueueState;
  if (!state || jobs.length === 0) return state ? [] : null;
  if (opts.db && !state.queues.has(name)) {
    logger.warn({ queue: name }, 'jobs were not queued in their transaction: the queue is not created yet');
    return null;
  }
  const boss = await ensureQueue(name, opts.queue);
  const { fromDrizzle } = await import('pg-boss');
  const db = opts.db ? fromDrizzle(opts.db as unknown as Parameters<typeof fromDrizzle>[0], sql) : undefined;
  jobs = jobs.map((job) => ({ ...job, data: withRequestId(job.data ?? {}) }));
  return boss.insert(name, jobs, { ...(db ? { db } : {}), returnId: true });
}

/** Cancels a waiting (or retrying) job of this process's queue; false when no queue runs here. */
export async function cancelJob(name: string, id: string): Promise<boolean> {
  const state = globalThis.__rtQueueState;
  if (!state) return false;
  await state.boss.cancel(name, id);
  return true;
}

/**
 * A condition for a domain's own query: no job of `queue` with this singletonKey is waiting,
 * retrying or running (pg-boss job states before `completed`). Only valid while the queue has
 * been started on this database (its schema exists).
 */
export function noLiveJob(queue: string, key: SQL): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${sql.identifier(QUEUE_SCHEMA)}.job j
    WHERE j.name = ${queue} AND j.singleton_key = ${key} AND j.state < 'completed')`;
}

/** A domain's workers and schedules, registered on the running queue. */
export type WorkerRegistration = (boss: PgBoss, config: QueueConfig) => Promise<void>;

/**
 * The queue as a registration sees it in a process that does not work jobs: queues are created
 * and schedules saved (both idempotent, and needed to enqueue inside a transaction), while
 * `work` registers nothing.
 */
function enqueueOnly(boss: PgBoss): PgBoss {
  return new Proxy(boss, {
    get(target, prop) {
      if (prop === 'work') return () => Promise.resolve('');
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Registers these workers on the running queue, once per process (the entry passes every
 * domain's registration: src/server/entry/workers.ts). In a process started with `work: false`
 * only their queues and schedules are set up.
 */
export async function startWorkers(registrations: readonly WorkerRegistration[]): Promise<void> {
  await startQueue();
  const state = globalThis.__rtQueueState;
  if (!state || state.workers) return;
  state.workers = true;
  const boss = withJobLogContext(state.work ? state.boss : enqueueOnly(state.boss));
  for (const register of registrations) await register(boss, state.config);
}

type Handler = (jobs: Array<{ id: string; data?: unknown }>) => unknown;

function reqIdOf(data: unknown): string | undefined {
  const reqId = (data as { reqId?: unknown } | null | undefined)?.reqId;
  return typeof reqId === 'string' ? reqId : undefined;
}

/**
 * The queue as the domains' registrations see it: `work` runs each handler with the job's id
 * (`jobId`) and the id of the request that enqueued it (`reqId`) in the log context, so every
 * line the handler logs carries them, and logs a failed batch with its stack.
 */
function withJobLogContext(boss: PgBoss): PgBoss {
  const work = (name: string, ...rest: unknown[]) => {
    const handler = rest.pop() as Handler;
    const wrapped: Handler = async (jobs) => {
      const reqIds = [...new Set(jobs.map((j) => reqIdOf(j.data)).filter(Boolean))];
      const context = {
        jobId: jobs.map((j) => j.id).join(','),
        ...(reqIds.length === 1 ? { reqId: reqIds[0] } : {}),
      };
      return withLogContext(context, async () => {
        for (const job of jobs)
          logger.debug({ queue: name, jobId: job.id, reqId: reqIdOf(job.data) }, 'job started');
        try {
          return await handler(jobs);
        } catch (err) {
          logger.error({ err, queue: name }, 'job failed');
          throw err;
        }
      });
    };
    return (boss.work as (...args: unknown[]) => Promise<string>)(name, ...rest, wrapped);
  };
  return new Proxy(boss, {
    get(target, prop) {
      if (prop === 'work') return work;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Whether this process works the queue's jobs (false with RUN_JOBS=false, or with no queue). */
export function worksJobs(): boolean {
  return globalThis.__rtQueueState?.work ?? false;
}

/**
 * Stops the workers and forgets the queue: no new job is fetched, and running ones get up to
 * `timeoutMs` to finish (pg-boss's graceful stop) before the queue's connections close.
 */
export async function stopQueue(timeoutMs = 10_000): Promise<void> {
  const current = globalThis.__rtQueue;
  globalThis.__rtQueue = undefined;
  globalThis.__rtQueueState = undefined;
  if (!current) return;
  const { boss } = await current;
  await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
}
