/**
 * The PostgreSQL pool as Drizzle gets it: a transaction whose BEGIN fails on a connection that
 * just died (a database restart or network cut) would keep its connection checked out forever,
 * because drizzle-orm's node-postgres `transaction()` sends BEGIN before its try/finally that
 * releases it. Each outage would then shrink the pool until every request waited for a
 * connection that never comes. Here a checked-out connection whose first query fails is
 * released (and dropped: the pool discards a connection released with an error), and a later
 * second release is ignored.
 */
import type { Pool, PoolClient } from 'pg';

export function leakProofPool(pool: Pool): Pool {
  const connect = async (): Promise<PoolClient> => {
    const client = await pool.connect();
    const release = client.release;
    const query = client.query;
    let released = false;
    const releaseOnce = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      client.query = query;
      release(err);
    };
    let first = true;
    client.query = function (this: PoolClient, ...args: unknown[]) {
      const result = (query as (...a: unknown[]) => unknown).apply(client, args);
      if (first) {
        first = false;
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            releaseOnce(err instanceof Error ? err : new Error(String(err)));
            throw err;
          });
        }
      }
      return result;
    } as PoolClient['query'];
    client.release = releaseOnce;
    return client;
  };
  return new Proxy(pool, {
    get(target, prop) {
      if (prop === 'connect') return connect;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
