/**
 * Indexes for every list and search query: the console's, the portal's and the admin's lists
 * run against PostgreSQL filled with generated rows (tens of thousands per growing table) and
 * ANALYZEd, every SELECT they send is captured and EXPLAINed with its own parameters, and a
 * Seq Scan over a growing table fails the test (the planner is left free: enable_seqscan stays
 * on). The same run counts each console list's queries on an almost empty database and on the
 * filled one: a list that queried per row (N+1) would send more.
 *
 * PostgreSQL only (the planner PGlite embeds is the same, but CI's server is what scales):
 * skipped without TEST_DATABASE_URL, and a failure in CI, which always sets it.
 *
 * The contains-searches (ILIKE '%text%': staff orders, admin users, audit actor, outbox) are
 * answered by trigram (pg_trgm) GIN indexes and checked like every other list, on generated
 * names, addresses and phone numbers that differ as real ones do.
 *
 * The catalogue search (searchModels) is not here: it filters the in-memory catalogue snapshot
 * and sends no SQL per search.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env } from '@/env';
import { openDatabase, type DatabaseHandle } from '@/server/db/client';
import type { Db } from '@/server/db/runtime';
import * as schema from '@/server/db/schema';
import { seedAll } from '@/server/entry/seed';
import { defineAbilityFor } from '@/features/access';
import { listAuditEvents } from '@/features/audit/server/list-audit';
import { listUsers } from '@/features/auth/server/manage-users';
import { listSessions } from '@/features/auth/server/list-sessions';
import { listStaffOrders } from '@/features/console/server/list-staff-orders';
import { listMessages } from '@/features/email/server/list-messages';
import { listNotifications } from '@/features/notifications/server/list-notifications';
import { listMyRepairs } from '@/features/portal/server/list-my-repairs';
import { listTechnicians } from '@/features/repairs/server/list-technicians';
import { listSecurityEvents } from '@/features/security/server/list-events';
import { listStaffConversations } from '@/features/support/server/staff-inbox';
import { insertSql, overrides, personOf, phoneOf, ROWS, SMALL, TABLES } from './plan-fill';

const DB_URL = env.TEST_DATABASE_URL;
if (!DB_URL && env.CI) {
  throw new Error('query-plans.test.ts needs TEST_DATABASE_URL (PostgreSQL) in CI');
}

interface Captured {
  sql: string;
  params: unknown[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
}

function seqScans(node: PlanNode, out: PlanNode[] = []): PlanNode[] {
  if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) out.push(node);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

/** Tables the generator fills: a Seq Scan over one of them is what an index should prevent. */
const GROWING = new Set(Object.keys(TABLES));

/**
 * A list's total (`select count(*)`) over most of a table reads most of it whatever the index:
 * a scan there is the cheapest plan, not a missing index. A count whose scan keeps only a
 * small part of the table (under half) is still an offender.
 */
function isTotalOverMostOf(sqlText: string, scan: PlanNode, tableRows: number): boolean {
  return /^\s*select count\(/i.test(sqlText) && scan['Plan Rows'] >= tableRows / 2;
}

describe.skipIf(!DB_URL)('every list and search query uses an index on PostgreSQL', () => {
  let handle: DatabaseHandle;
  let pool: import('pg').Pool;
  let db: Db;
  let captured: Captured[] = [];
  const name = `rt_media_plans_${randomBytes(5).toString('hex')}`;
  let dbUrl = '';
  let technicianId = '';
  /** a catalogue model's name, searched for in the staff orders */
  let modelName = '';
  /** each list's query count on the seeded, otherwise empty database */
  const before = new Map<string, number>();
  const adminUrl = DB_URL ?? '';

  const staffActor = (role: 'technician' | 'manager' | 'admin', shopSlug: string | null) => ({
    id: technicianId,
    name: 'Staff',
    role,
    shopSlug,
    ability: defineAbilityFor({ id: technicianId, role, shopSlug, emailVerified: true }),
  });

  /** Every list the app runs, with the filters its pages and API offer. */
  const cases: Array<{ name: string; console?: boolean; run: (db: Db) => Promise<unknown> }> = [
    { name: 'staff orders: newest', console: true, run: (d) => listStaffOrders(d, { limit: 25, offset: 0 }) },
    {
      name: 'staff orders: active at a shop',
      console: true,
      run: (d) => listStaffOrders(d, { statuses: ['active'], shop: 'london', limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: waiting longest',
      console: true,
      run: (d) => listStaffOrders(d, { sort: 'waiting', statuses: ['active'], limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: unassigned',
      console: true,
      run: (d) => listStaffOrders(d, { technician: 'unassigned', limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: a technician',
      console: true,
      run: (d) => listStaffOrders(d, { technician: 'plans-u50', limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: overdue',
      console: true,
      run: (d) => listStaffOrders(d, { overdue: true, limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: search a reference',
      console: true,
      run: (d) => listStaffOrders(d, { q: 'PR00001234', limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: search a customer',
      console: true,
      run: (d) => listStaffOrders(d, { q: personOf(7).name, limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: search a phone number',
      console: true,
      run: (d) => listStaffOrders(d, { q: phoneOf(1234), limit: 25, offset: 0 }),
    },
    {
      name: 'staff orders: search a device',
      console: true,
      run: (d) => listStaffOrders(d, { q: modelName, limit: 25, offset: 0 }),
    },
    { name: 'audit: newest', console: true, run: (d) => listAuditEvents(d, { limit: 50 }) },
    {
      name: 'audit: by actor',
      console: true,
      run: (d) => listAuditEvents(d, { actor: 'plans-u7', limit: 50 }),
    },
    { name: 'outbox: newest', console: true, run: (d) => listMessages(d, {}) },
    { name: 'outbox: failed', console: true, run: (d) => listMessages(d, { status: 'failed' }) },
    { name: 'outbox: search', console: true, run: (d) => listMessages(d, { q: 'plans-u7@' }) },
    { name: 'security events: newest', console: true, run: (d) => listSecurityEvents(d, { limit: 50 }) },
    { name: 'admin users: newest', console: true, run: (d) => listUsers(d, { page: 1 }) },
    {
      name: 'admin users: search',
      console: true,
      // a person's address without its number and domain: "isabella.davies" (1/400 of the users)
      run: (d) => listUsers(d, { q: personOf(7).email.replace(/\d*@.*$/, ''), page: 1 }),
    },
    {
      name: 'support inbox: a shop waiting',
      console: true,
      run: (d) => listStaffConversations(d, staffActor('technician', 'london'), 'waiting_staff'),
    },
    {
      name: 'support inbox: all shops',
      console: true,
      run: (d) => listStaffConversations(d, staffActor('admin', null), 'all'),
    },
    { name: 'technicians', console: true, run: (d) => listTechnicians(d) },
    {
      name: 'notifications',
      run: (d) => listNotifications(d, { id: 'plans-u7', role: 'customer' }),
    },
    { name: 'my repairs', run: (d) => listMyRepairs(d, 'plans-u7') },
    { name: 'my sessions', run: (d) => listSessions(d, 'plans-u7', null) },
  ];

  /** The queries `run` sends, each once. */
  async function capture(run: (db: Db) => Promise<unknown>): Promise<Captured[]> {
    captured = [];
    await run(db);
    return captured;
  }

  beforeAll(async () => {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    handle = await openDatabase({ url: dbUrl, poolSize: 4 });
    await seedAll(handle.db);
    pool = new pg.Pool({ connectionString: dbUrl, max: 4 });
    db = drizzle(pool, {
      schema,
      logger: { logQuery: (sql, params) => captured.push({ sql, params }) },
    }) as unknown as Db;
    const shops = (await pool.query<{ slug: string }>('SELECT slug FROM shops ORDER BY slug')).rows.map(
      (r) => r.slug,
    );
    const models = (
      await pool.query<{ slug: string }>('SELECT slug FROM device_models ORDER BY slug')
    ).rows.map((r) => r.slug);
    // a model whose name no other model's contains: a search for one device (its ~1/300 of the orders)
    modelName = (
      await pool.query<{ name: string }>(
        `SELECT m.name FROM device_models m WHERE NOT EXISTS (SELECT 1 FROM device_models o
           WHERE o.slug <> m.slug AND o.name ILIKE '%' || m.name || '%') ORDER BY m.slug LIMIT 1`,
      )
    ).rows[0]!.name;
    const fill = async (from: number, to: number) => {
      for (const [table, spec] of Object.entries(overrides(shops, models))) {
        await pool.query(insertSql(table, spec, from, to));
      }
      await pool.query(`UPDATE repair_orders SET assigned_technician_id = 'plans-u' || (50 * (1 + random() * 10)::int)
        WHERE random() < 0.6 AND assigned_technician_id IS NULL AND EXISTS (SELECT 1 FROM "user" WHERE id = 'plans-u500')`);
      // as autovacuum leaves a table in production: statistics, and the visibility map that
      // lets a count read an index alone
      await pool.query('VACUUM ANALYZE');
    };
    // a handful of rows in every list first, then thousands
    await fill(1, SMALL);
    for (const c of cases) before.set(c.name, (await capture(c.run)).length);
    await fill(SMALL + 1, Number.MAX_SAFE_INTEGER);
    technicianId = 'plans-u50';
  });

  afterAll(async () => {
    await pool?.end();
    await handle?.close();
    const { default: pg } = await import('pg');
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });

  it('sends as many queries for a console list of thousands of rows as for an empty one (no N+1)', async () => {
    const grew: string[] = [];
    for (const c of cases.filter((x) => x.console)) {
      const n = (await capture(c.run)).length;
      if (n !== before.get(c.name)) grew.push(`${c.name}: ${before.get(c.name)} -> ${n} queries`);
    }
    expect(grew).toEqual([]);
  });

  it('previews each inbox conversation with its latest customer message (the DISTINCT ON read)', async () => {
    const id = 'c0000000-0000-4000-8000-000000000001';
    await pool.query(
      `INSERT INTO support_messages (conversation_id, author, body) VALUES ($1, 'customer', 'the newest words'), ($1, 'staff', 'a staff reply')`,
      [id],
    );
    const list = await listStaffConversations(db, staffActor('admin', null), 'all');
    expect(list.find((c) => c.id === id)?.preview).toBe('the newest words');
  });

  it('reads no growing table with a sequential scan', async () => {
    const offenders: string[] = [];
    let explained = 0;
    const tableRows = new Map(
      (
        await pool.query<{ relname: string; reltuples: number }>(
          'SELECT relname, reltuples FROM pg_class WHERE relname = ANY($1)',
          [[...GROWING]],
        )
      ).rows.map((r) => [r.relname, Number(r.reltuples)]),
    );
    expect(tableRows.get('repair_orders')).toBeGreaterThanOrEqual(ROWS * 0.9);
    for (const c of cases) {
      const queries = await capture(c.run);
      expect(queries.length, c.name).toBeGreaterThan(0);
      for (const q of queries) {
        if (!/^\s*(select|with)\b/i.test(q.sql)) continue;
        const res = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
          `EXPLAIN (FORMAT JSON) ${q.sql}`,
          q.params,
        );
        explained++;
        const offending = seqScans(res.rows[0]!['QUERY PLAN'][0]!.Plan).filter((scan) => {
          const table = scan['Relation Name']!;
          if (!GROWING.has(table)) return false;
          return !isTotalOverMostOf(q.sql, scan, tableRows.get(table) ?? 0);
        });
        if (offending.length) {
          const what = offending.map((s) => `${s['Relation Name']} (~${s['Plan Rows']} rows)`).join(', ');
          offenders.push(`${c.name}: Seq Scan on ${what}\n    ${q.sql.slice(0, 300)}`);
        }
      }
    }
    expect(explained).toBeGreaterThanOrEqual(cases.length);
    expect(offenders, offenders.join('\n')).toEqual([]);
  });
});
