/**
 * Generated rows for tests/integration/query-plans.test.ts: `INSERT … SELECT … FROM
 * generate_series` per growing table, with meaningful values where lists filter and join
 * (shops, statuses, users, bookings of orders) and a value of the column's type in every other
 * NOT NULL column without a default (read from the Drizzle schema, so new columns need no edit).
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '@/server/db/schema';

/** Rows generated per growing table. */
export const ROWS = 20_000;
/**
 * Users generated: as many as the other growing tables (each user has one booking, order,
 * session …). With a few thousand, the user table is a few dozen pages, which the planner
 * rightly reads whole for any search, and the admin users search's indexes would go untested.
 */
export const USERS = ROWS;
/** Rows per table for the "few rows" count of queries. */
export const SMALL = 30;

/**
 * People's names: 16 first names by 25 surnames (coprime, so 400 pairs, each 1/400 of the users).
 * Addresses are made of them (`olivia.smith1234@example.com`), as real ones are, so a search
 * for one person's name or address matches a few rows (rather than every address sharing a
 * generated prefix, whose trigrams would all match).
 */
const FIRST =
  'Olivia Amelia Isla Ava Mia Ivy Lily Isabella Oliver George Noah Arthur Muhammad Leo Harry Oscar'.split(
    ' ',
  );
const SURNAMES =
  'Smith Jones Taylor Brown Williams Wilson Johnson Davies Patel Robinson Wright Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Khan Hughes Edwards Turner'.split(
    ' ',
  );
const arraySql = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
const firstOf = (g: string) => `(${arraySql(FIRST)})[1 + (${g}) % ${FIRST.length}]`;
const surnameOf = (g: string) => `(${arraySql(SURNAMES)})[1 + (${g}) % ${SURNAMES.length}]`;
/** the name and address of user `plans-u<g>` (the SQL below makes the same) */
export function personOf(g: number): { name: string; email: string } {
  const first = FIRST[g % FIRST.length]!;
  const surname = SURNAMES[g % SURNAMES.length]!;
  return { name: `${first} ${surname}`, email: `${first}.${surname}${g}@example.com`.toLowerCase() };
}
const nameSql = (g: string) => `${firstOf(g)} || ' ' || ${surnameOf(g)}`;
const emailSql = (g: string) => `lower(${firstOf(g)} || '.' || ${surnameOf(g)} || (${g}) || '@example.com')`;
/** booking `g`'s phone number (UK style, with a space) */
export const phoneOf = (g: number) => `07700 ${String(g % 1_000_000).padStart(6, '0')}`;

const uuidOf = (prefix: string, g: string) =>
  `('${prefix}000000-0000-4000-8000-' || lpad((${g})::text, 12, '0'))::uuid`;
const userOf = (g: string) => `'plans-u' || ((${g}) % ${USERS})`;

/**
 * What to put in the columns a generated row cannot leave to their defaults (`g` is the row
 * number, 1..n); the other NOT NULL columns without a default get a value of their type.
 */
export function overrides(
  shops: string[],
  models: string[],
): Record<string, { n: number; cols: Record<string, string> }> {
  const shop = `(ARRAY[${shops.map((s) => `'${s}'`).join(',')}])[1 + g % ${shops.length}]`;
  const statuses = `(ARRAY['received','diagnosing','awaiting_approval','in_repair','ready','collected','cancelled'])[1 + g % 7]`;
  return {
    user: {
      n: USERS,
      cols: {
        id: userOf('g'),
        email: emailSql(`g % ${USERS}`),
        name: nameSql(`g % ${USERS}`),
        role: `(CASE WHEN g % 50 = 0 THEN 'technician' ELSE 'customer' END)`,
        created_at: `now() - g * interval '1 minute'`,
      },
    },
    session: {
      n: ROWS,
      cols: {
        id: `'plans-s' || g`,
        token: `'plans-token-' || g`,
        user_id: userOf('g'),
        expires_at: `now() + interval '7 days'`,
      },
    },
    bookings: {
      n: ROWS,
      cols: {
        id: uuidOf('b0', 'g'),
        reference: `'PB' || lpad(g::text, 8, '0')`,
        shop_slug: shop,
        model_slug: `(${arraySql(models)})[1 + g % ${models.length}]`,
        // the booking's account's name and address
        customer_name: nameSql(`g % ${USERS}`),
        customer_email: emailSql(`g % ${USERS}`),
        customer_phone: `'07700 ' || lpad((g % 1000000)::text, 6, '0')`,
        user_id: userOf('g'),
        slot_starts_at: `now() + (g % 500) * interval '1 hour'`,
        quote: `'{"currency":"GBP","lines":[{"repairSlug":"screen","repairName":"Screen","totalMinor":100}]}'::jsonb`,
        currency: `'GBP'`,
        created_at: `now() - g * interval '1 minute'`,
      },
    },
    repair_orders: {
      n: ROWS,
      cols: {
        id: uuidOf('a0', 'g'),
        reference: `'PR' || lpad(g::text, 8, '0')`,
        booking_id: uuidOf('b0', 'g'),
        shop_slug: shop,
        status: statuses,
        status_entered_at: `now() - g * interval '1 minute'`,
        created_at: `now() - g * interval '1 minute'`,
      },
    },
    notifications: { n: ROWS, cols: { user_id: userOf('g'), order_id: 'NULL' } },
    audit_events: {
      n: ROWS,
      cols: { actor_user_id: userOf('g'), occurred_at: `now() - g * interval '1 minute'` },
    },
    email_messages: {
      n: ROWS,
      cols: {
        status: `(ARRAY['queued','sent','failed','dead'])[1 + g % 4]`,
        dedupe_key: `'plans-' || g`,
        created_at: `now() - g * interval '1 minute'`,
      },
    },
    security_events: {
      n: ROWS,
      cols: { user_id: userOf('g'), occurred_at: `now() - g * interval '1 minute'` },
    },
    support_conversations: {
      n: ROWS,
      cols: {
        id: uuidOf('c0', 'g'),
        shop_slug: shop,
        customer_user_id: userOf('g'),
        status: `(ARRAY['waiting_staff','waiting_customer','closed'])[1 + g % 3]`,
        last_message_at: `now() - g * interval '1 minute'`,
      },
    },
    support_messages: {
      n: ROWS,
      cols: { conversation_id: uuidOf('c0', 'g'), author: `'customer'` },
    },
  };
}

export const TABLES: Record<string, PgTable> = {
  user: schema.user,
  session: schema.session,
  bookings: schema.bookings,
  repair_orders: schema.repairOrders,
  notifications: schema.notifications,
  audit_events: schema.auditEvents,
  email_messages: schema.emailMessages,
  security_events: schema.securityEvents,
  support_conversations: schema.supportConversations,
  support_messages: schema.supportMessages,
};

/** A value of the column's type for a NOT NULL column nobody named. */
function filler(columnType: string, name: string): string {
  if (/uuid/i.test(columnType)) return 'gen_random_uuid()';
  if (/text|varchar|char/i.test(columnType)) return `'${name}-' || g`;
  if (/int|serial|numeric|real|double/i.test(columnType)) return '(g % 100)';
  if (/timestamp|date/i.test(columnType)) return `now() - g * interval '1 minute'`;
  if (/json/i.test(columnType)) return `'{}'::jsonb`;
  if (/bool/i.test(columnType)) return 'false';
  throw new Error(`no filler for ${name} (${columnType})`);
}

/** Rows `from`..`to` of the table (capped at its `n`). */
export function insertSql(
  table: string,
  spec: { n: number; cols: Record<string, string> },
  from: number,
  to: number,
): string {
  const config = getTableConfig(TABLES[table]!);
  const cols = { ...spec.cols };
  for (const c of config.columns) {
    if (c.name in cols || !c.notNull || c.hasDefault) continue;
    cols[c.name] = filler(c.columnType, c.name);
  }
  const names = Object.keys(cols);
  return `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')})
    SELECT ${names.map((n) => cols[n]).join(', ')} FROM generate_series(${from}, ${Math.min(to, spec.n)}) AS g`;
}
