/**
 * `npm run seed:demo`: a year of demo history ending today (bookings, repair orders through the
 * workflow, payments, refunds, invoices, ratings, the booking funnel's events) so that a fresh
 * install's /admin/analytics shows a living shop. See the README's "Analytics: demo data and speed".
 *
 *   npm run seed:demo [-- --scale N] [--days N] [--seed N] [--data-dir DIR]
 *
 * The database is the app's: PGlite in DATA_DIR (or --data-dir), or DATABASE_URL. With PGlite
 * it refuses to run while the app (or anything else) holds the data folder's lock. Running it
 * again replaces the earlier demo rows; real rows are never touched.
 */
import { env } from '@/env';
import { openDatabase } from '@/server/db/client';
import { DataDirLockedError } from '@/server/db/lock';
import { seedAll } from '@/server/entry/seed';
import { seedDemo } from './lib/demo/write';

function usage(message: string): never {
  console.error(`seed:demo: ${message}`);
  console.error(
    'usage: npm run seed:demo -- [--scale N (default 1)] [--days N (default 365)] [--seed N] [--data-dir DIR]',
  );
  process.exit(2);
}

function parseArgs(argv: string[]) {
  const out = { scale: 1, days: 365, seed: 20260101, dataDir: undefined as string | undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${name} needs a value`);
    if (name === '--scale') {
      out.scale = Number(value());
      if (!Number.isFinite(out.scale) || out.scale <= 0 || out.scale > 100)
        usage('--scale must be a number above 0, at most 100');
    } else if (name === '--days') {
      out.days = Number(value());
      if (!Number.isInteger(out.days) || out.days < 1 || out.days > 1100)
        usage('--days must be a whole number from 1 to 1100');
    } else if (name === '--seed') {
      out.seed = Number(value());
      if (!Number.isInteger(out.seed)) usage('--seed must be a whole number');
    } else if (name === '--data-dir') {
      out.dataDir = value();
    } else if (name === '--help' || name === '-h') {
      usage('options');
    } else {
      usage(`unknown option ${arg}`);
    }
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
const url = args.dataDir ? undefined : env.DATABASE_URL;
let handle;
try {
  handle = await openDatabase({ url, dataDir: args.dataDir ?? env.DATA_DIR });
} catch (err) {
  if (err instanceof DataDirLockedError) {
    console.error(`seed:demo: refused. ${err.message}`);
    process.exit(1);
  }
  throw err;
}
try {
  const started = Date.now();
  await seedAll(handle.db); // the catalogue and both shops, if missing
  const c = await seedDemo(handle.db, {
    now: new Date(),
    scale: args.scale,
    days: args.days,
    seed: args.seed,
  });
  const where = url ? 'PostgreSQL' : `PGlite (${args.dataDir ?? env.DATA_DIR})`;
  console.log(
    `Demo data written to ${where} in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(plan ${(c.planMs / 1000).toFixed(1)} s, inserts ${(c.writeMs / 1000).toFixed(1)} s)` +
      (c.replacedOrders ? `, replacing ${c.replacedOrders} demo orders of an earlier run` : '') +
      `:\n  ${c.orders} orders and bookings, ${c.lines} lines, ${c.events} timeline events, ` +
      `${c.payments} payments, ${c.refunds} refunds, ${c.invoices} invoices, ${c.ratings} ratings, ` +
      `${c.analyticsEvents} tracker events, ${c.users} demo users (staff and customer accounts; no passwords).`,
  );
} finally {
  await handle.close();
}
