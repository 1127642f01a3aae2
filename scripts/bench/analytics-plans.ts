/**
 * The analytics bench's look at query plans: a drizzle logger collects the SQL a metric runs,
 * and each query is EXPLAINed (no ANALYZE) to find sequential scans over big tables.
 */
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import * as schema from '@/server/db/schema';
import type { DatabaseHandle, Db } from '@/server/db/client';

export interface CapturedQuery {
  query: string;
  params: unknown[];
}

export interface PlanFinding {
  relation: string;
  /** the table's size (the planner's estimate of its rows) */
  rows: number;
}

/** Tables with more rows than this are "big": a sequential scan over one is reported. */
export const BIG_TABLE_ROWS = 10_000;

type Runner = (text: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>;

const runners = new WeakMap<DatabaseHandle, { run: Runner; close(): Promise<void> }>();

async function runnerOf(handle: DatabaseHandle) {
  let r = runners.get(handle);
  if (r) return r;
  if (handle.pglite) {
    const pglite = handle.pglite;
    r = {
      run: async (text, params) => (await pglite.query<Record<string, unknown>>(text, params)).rows,
      close: async () => undefined,
    };
  } else {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: handle.url, max: 2 });
    r = { run: async (text, params) => (await pool.query(text, params)).rows, close: () => pool.end() };
  }
  runners.set(handle, r);
  return r;
}

/** The same database, with every query appended to `captured`. */
export async function loggingDb(handle: DatabaseHandle, captured: CapturedQuery[]): Promise<Db> {
  const logger = { logQuery: (query: string, params: unknown[]) => void captured.push({ query, params }) };
  if (handle.pglite) return drizzlePglite(handle.pglite, { schema, logger }) as unknown as Db;
  // PostgreSQL: a small pool of its own, closed with the handle
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.Pool({ connectionString: handle.url, max: 2 });
  const previous = handle.close;
  handle.close = async () => {
    await pool.end();
    await previous();
  };
  return drizzle(pool, { schema, logger }) as unknown as Db;
}

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Sequential scans over big tables in the plans of `queries` (each relation once). */
export async function explainQueries(
  handle: DatabaseHandle,
  queries: CapturedQuery[],
): Promise<PlanFinding[]> {
  const { run } = await runnerOf(handle);
  const sizes = new Map(
    (
      await run(
        `SELECT c.relname AS name, c.reltuples::bigint AS rows FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND n.nspname = current_schema()`,
        [],
      )
    ).map((r) => [String(r.name), Number(r.rows)]),
  );
  const found = new Map<string, PlanFinding>();
  for (const q of queries) {
    if (!/^\s*(select|with)\b/i.test(q.query)) continue;
    const rows = await run(`EXPLAIN (FORMAT JSON) ${q.query}`, q.params);
    const raw = rows[0]?.['QUERY PLAN'];
    const plans = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    const walk = (node: PlanNode) => {
      const rel = node['Relation Name'];
      if (node['Node Type'] === 'Seq Scan' && rel && (sizes.get(rel) ?? 0) > BIG_TABLE_ROWS) {
        found.set(rel, { relation: rel, rows: sizes.get(rel)! });
      }
      node.Plans?.forEach(walk);
    };
    for (const p of plans ?? []) walk(p.Plan);
  }
  return [...found.values()];
}

export async function closePlanRunners(handle: DatabaseHandle): Promise<void> {
  await runners.get(handle)?.close();
  runners.delete(handle);
}
