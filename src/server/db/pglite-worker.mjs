/**
 * The PGlite worker thread (see pglite-thread.ts): it owns the embedded database, so PostgreSQL's
 * WebAssembly runs here and not on the HTTP event loop. Plain JavaScript so it loads the same way
 * under the server, tsx, Vitest and Next's server bundle.
 *
 * Protocol: the main thread posts `{ id, op, ... }` and gets `{ id, ok, result | error }` back.
 * - query/exec run on the database or, with `tx`, inside that open transaction;
 * - begin opens a transaction with PGlite's own `transaction()` (which holds PGlite's transaction
 *   lock, so every other query waits for it, exactly as in-process) and answers its id;
 * - commit/rollback end it; the answer comes after PGlite's COMMIT/ROLLBACK ran.
 */
import { Blob } from 'node:buffer';
import process from 'node:process';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

const { dataDir, loadDataDir } = workerData;

/** Errors cross the thread as plain objects: PostgreSQL's fields (code, constraint…) must survive. */
function plainError(err) {
  if (!(err instanceof Error)) return { message: String(err) };
  const out = { name: err.name, message: err.message, stack: err.stack };
  for (const key of Object.keys(err)) {
    const v = err[key];
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[key] = v;
  }
  return out;
}

/** Query options: the row mode, and the type ids read as text (drizzle's date parsers). */
function queryOptions(o) {
  if (!o) return undefined;
  const out = {};
  if (o.rowMode) out.rowMode = o.rowMode;
  if (o.rawTypes) {
    out.parsers = {};
    for (const oid of o.rawTypes) out.parsers[oid] = (value) => value;
  }
  return out;
}

const plainResult = (r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows });

/**
 * PostgreSQL's settings on top of PGlite's own (client.ts uses the same when not in a worker):
 * shared_buffers 32 MB instead of the data folder's 128 MB. PGlite allocates and fills the
 * buffer pool in its WebAssembly memory on every start, about a third of its start-up CPU at
 * 128 MB (README, "Start-up time"); an embedded shop's database is a few tens of MB, and a page
 * not in the pool is a read from the operating system's file cache.
 */
const startParams = [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'];

let db;
try {
  db = await PGlite.create({
    dataDir,
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    // the extensions the migrations create (client.ts loads the same when not in a worker)
    extensions: { pg_trgm },
    startParams,
  });
  parentPort.postMessage({ id: 0, ok: true });
} catch (err) {
  parentPort.postMessage({ id: 0, ok: false, error: plainError(err) });
  process.exit(1);
}

/** open transactions: id → { tx, commit(), rollback(), done } */
const transactions = new Map();
let nextTx = 1;

function begin() {
  return new Promise((opened, failed) => {
    const id = nextTx++;
    let entered = false;
    const done = db.transaction(
      (tx) =>
        new Promise((commit, rollback) => {
          // PGlite calls this after its BEGIN, so `done` is assigned by then
          entered = true;
          transactions.set(id, { tx, commit, rollback, done });
          opened(id);
        }),
    );
    done.then(
      () => transactions.delete(id),
      (err) => {
        transactions.delete(id);
        if (!entered) failed(err);
      },
    );
  });
}

async function handle(m) {
  const target = m.tx ? transactions.get(m.tx)?.tx : db;
  if (!target) throw new Error(`no open transaction ${m.tx}`);
  switch (m.op) {
    case 'query':
      return plainResult(await target.query(m.text, m.params, queryOptions(m.options)));
    case 'exec':
      return (await target.exec(m.text)).map(plainResult);
    case 'begin':
      return begin();
    case 'commit': {
      const t = transactions.get(m.tx);
      t.commit();
      await t.done;
      return null;
    }
    case 'rollback': {
      const t = transactions.get(m.tx);
      t.rollback(new Error('rolled back'));
      await t.done.catch(() => undefined);
      return null;
    }
    case 'dump': {
      const file = await db.dumpDataDir(m.compression ?? 'none');
      return new Uint8Array(await file.arrayBuffer());
    }
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${m.op}`);
  }
}

parentPort.on('message', (m) => {
  handle(m).then(
    (result) => parentPort.postMessage({ id: m.id, ok: true, result }),
    (err) => parentPort.postMessage({ id: m.id, ok: false, error: plainError(err) }),
  );
});
