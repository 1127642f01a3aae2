/**
 * PGlite off the event loop: a worker thread (pglite-worker.mjs) owns the database and this
 * proxy speaks PGlite's query interface to it, so drizzle's PGlite driver and pg-boss's PGlite
 * adapter use it unchanged. Under booking load PGlite's WebAssembly was over half of the HTTP
 * thread's CPU; now the HTTP thread only parses, validates and serialises.
 *
 * Transactions keep PGlite's exact semantics: `transaction()` opens one in the worker with
 * PGlite's own `transaction()`, which holds its transaction lock, so every other query (of this
 * process) waits until it commits or rolls back, as it did in-process. One transaction at a time.
 *
 * (@electric-sql/pglite's own PGliteWorker needs the browser's navigator.locks; Node 20 has none.)
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/** The worker script; resolved from the working directory like the migrations (see client.ts). */
export const PGLITE_WORKER_FILE = path.join(process.cwd(), 'src/server/db/pglite-worker.mjs');

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

export interface ThreadResults<T = Record<string, unknown>> {
  rows: T[];
  fields: Array<{ name: string; dataTypeID: number }>;
  affectedRows?: number;
}

/** What a query can run on: the database, or one open transaction. */
export interface ThreadQueryable {
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<ThreadResults<T>>;
  exec(text: string): Promise<ThreadResults[]>;
}

export interface ThreadTransaction extends ThreadQueryable {
  rollback(): Promise<void>;
  readonly closed: boolean;
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: Record<string, unknown> & { message: string };
}

/** A database error from the worker, with PostgreSQL's fields (code, constraint, detail…). */
export class PGliteThreadError extends Error {
  [key: string]: unknown;
  constructor(fields: Record<string, unknown> & { message: string }) {
    super(fields.message);
    const { message: _m, stack, name, ...rest } = fields;
    Object.assign(this, rest);
    this.name = typeof name === 'string' ? name : 'Error';
    if (typeof stack === 'string') this.stack = stack;
  }
}

/** Only the row mode and which types stay text cross the thread (drizzle's parsers are identities). */
function plainOptions(options?: QueryOptions) {
  if (!options) return undefined;
  return {
    rowMode: options.rowMode,
    rawTypes: options.parsers ? Object.keys(options.parsers).map(Number) : undefined,
  };
}

export class PGliteThread implements ThreadQueryable {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  private nextId = 1;
  private closed = false;
  readonly ready: Promise<void>;

  private constructor(opts: { dataDir: string; loadDataDir?: Uint8Array }) {
    this.worker = new Worker(PGLITE_WORKER_FILE, {
      workerData: opts,
      // the worker runs plain JavaScript: no TypeScript loader needed there
      execArgv: [],
    });
    this.ready = new Promise((resolve, reject) => {
      this.pending.set(0, { resolve: () => resolve(), reject });
    });
    this.worker.on('message', (m: Reply) => this.settle(m));
    this.worker.on('error', (err) => this.failAll(err));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.failAll(new Error(`the PGlite worker stopped (exit code ${code})`));
    });
    // it keeps the process alive only while a query is in flight (a script may forget close())
    this.worker.unref();
  }

  /** Starts the worker and opens the database in it. */
  static async create(opts: { dataDir: string; loadDataDir?: Blob }): Promise<PGliteThread> {
    const dump = opts.loadDataDir ? new Uint8Array(await opts.loadDataDir.arrayBuffer()) : undefined;
    const thread = new PGliteThread({ dataDir: opts.dataDir, loadDataDir: dump });
    thread.worker.ref();
    try {
      await thread.ready;
    } finally {
      thread.worker.unref();
    }
    return thread;
  }

  private settle(m: Reply) {
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker.unref();
    if (m.ok) p.resolve(m.result);
    else p.reject(new PGliteThreadError(m.error ?? { message: 'unknown PGlite worker error' }));
  }

  private failAll(err: unknown) {
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  private call<T>(message: Record<string, unknown>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, ...message });
    });
  }

  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions) {
    return this.call<ThreadResults<T>>({ op: 'query', text, params, options: plainOptions(options) });
  }

  exec(text: string) {
    return this.call<ThreadResults[]>({ op: 'exec', text });
  }

  /**
   * PGlite's `transaction(callback)`: COMMIT when the callback resolves, ROLLBACK when it throws
   * or calls `tx.rollback()`.
   */
  async transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: 'begin' });
    let closed = false;
    const tx: ThreadTransaction = {
      query: <R = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions) =>
        this.call<ThreadResults<R>>({ op: 'query', text, params, options: plainOptions(options), tx: txId }),
      exec: (text: string) => this.call<ThreadResults[]>({ op: 'exec', text, tx: txId }),
      rollback: async () => {
        if (closed) return;
        closed = true;
        await this.call({ op: 'rollback', tx: txId });
      },
      get closed() {
        return closed;
      },
    };
    let result: T;
    try {
      result = await callback(tx);
    } catch (err) {
      if (!closed) {
        closed = true;
        await this.call({ op: 'rollback', tx: txId }).catch(() => undefined);
      }
      throw err;
    }
    if (!closed) {
      closed = true;
      await this.call({ op: 'commit', tx: txId });
    }
    return result;
  }

  /** PGlite's `dumpDataDir`: the whole database as a tarball. */
  async dumpDataDir(compression: 'none' | 'gzip' | 'auto' = 'none'): Promise<File> {
    const bytes = await this.call<Uint8Array<ArrayBuffer>>({ op: 'dump', compression });
    return new File([bytes], 'pgdata.tar', { type: 'application/x-tar' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.call({ op: 'close' });
    } finally {
      this.closed = true;
      await this.worker.terminate();
    }
  }
}
