/**
 * PGlite in a worker thread (src/server/db/pglite-thread.ts): what drizzle, pg-boss and the
 * booking code rely on. Transactions are exact (commit, rollback, nothing else runs inside one),
 * PostgreSQL's error fields cross the thread, and drizzle reads dates and JSON as in-process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteThread } from '@/server/db/pglite-thread';
import { isUniqueViolation } from '@/server/db/errors';

describe('PGlite in a worker thread', () => {
  let thread: PGliteThread;
  let db: ReturnType<typeof drizzle>;

  beforeAll(async () => {
    thread = await PGliteThread.create({ dataDir: 'memory://' });
    db = drizzle(thread as unknown as PGlite);
    await thread.exec(`CREATE TABLE slots (id int PRIMARY KEY, booked int NOT NULL CHECK (booked <= 2));
      INSERT INTO slots VALUES (1, 0);`);
  }, 120_000);

  afterAll(async () => {
    await thread?.close();
  });

  it('answers queries with drizzle, dates as in-process and JSON parsed', async () => {
    const res = await db.execute<{ t: string; j: { a: number }; n: number }>(
      sql`select '2026-01-02T03:04:05Z'::timestamptz as t, '{"a":1}'::jsonb as j, ${41}::int + 1 as n`,
    );
    expect(res.rows[0]).toEqual({ t: '2026-01-02 03:04:05+00', j: { a: 1 }, n: 42 });
  });

  it('commits a transaction, and rolls one back when it throws', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`update slots set booked = booked + 1 where id = 1`);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`update slots set booked = booked + 1 where id = 1`);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const res = await db.execute<{ booked: number }>(sql`select booked from slots where id = 1`);
    expect(res.rows[0]?.booked).toBe(1);
  });

  it('runs no other query inside an open transaction (it waits for the commit)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const tx = db.transaction(async (t) => {
      await t.execute(sql`update slots set booked = 0 where id = 1`);
      order.push('tx wrote');
      await held;
      await t.execute(sql`update slots set booked = 2 where id = 1`);
      order.push('tx done');
    });
    // issued while the transaction is open: must see its committed result, never the middle
    await new Promise((r) => setTimeout(r, 50));
    const outside = db.execute<{ booked: number }>(sql`select booked from slots where id = 1`).then((r) => {
      order.push('outside read');
      return r.rows[0]?.booked;
    });
    await new Promise((r) => setTimeout(r, 50));
    release();
    await tx;
    expect(await outside).toBe(2);
    expect(order).toEqual(['tx wrote', 'tx done', 'outside read']);
  });

  it('keeps PostgreSQL error fields (code, constraint) across the thread', async () => {
    const err = await db.execute(sql`insert into slots values (1, 0)`).catch((e: unknown) => e);
    expect(isUniqueViolation(err, 'slots_pkey')).toBe(true);
    const check = await db.execute(sql`update slots set booked = 3 where id = 1`).catch((e: unknown) => e);
    expect((check as { cause?: { code?: string } }).cause?.code).toBe('23514');
  });

  it('rolls back a savepoint (nested transaction) without losing the outer one', async () => {
    await db.transaction(async (tx) => {
      await tx.execute(sql`update slots set booked = 1 where id = 1`);
      await tx
        .transaction(async (inner) => {
          await inner.execute(sql`update slots set booked = 2 where id = 1`);
          inner.rollback();
        })
        .catch(() => undefined);
    });
    const res = await db.execute<{ booked: number }>(sql`select booked from slots where id = 1`);
    expect(res.rows[0]?.booked).toBe(1);
  });

  it('dumps the database and opens a copy from the dump', async () => {
    const dump = await thread.dumpDataDir('none');
    const copy = await PGliteThread.create({ dataDir: 'memory://', loadDataDir: dump });
    try {
      const res = await copy.query<{ booked: number }>('select booked from slots where id = 1');
      expect(res.rows[0]?.booked).toBe(1);
    } finally {
      await copy.close();
    }
  }, 120_000);
});
