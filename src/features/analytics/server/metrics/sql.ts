/**
 * The SQL helpers every metric shares: reading a raw query's rows on either driver, a time as a
 * timestamptz parameter, and the scope's shop condition.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/server/db/client';

/** Rows of a raw query on either driver (PGlite and node-postgres both answer `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A time as a timestamptz parameter (ISO text, which both drivers pass the same way). */
export const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;

/** `column` belongs to the scope's shops: every shop and none when null, else only those. */
export function inShops(column: SQL, shopSlugs: string[] | null): SQL {
  if (shopSlugs === null) return sql`true`;
  if (shopSlugs.length === 0) return sql`false`;
  return sql`${column} IN (${sql.join(
    shopSlugs.map((s) => sql`${s}`),
    sql`, `,
  )})`;
}
