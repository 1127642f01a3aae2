/**
 * The database the Playwright journeys run on (scripts/e2e-server.mjs starts the server on it,
 * tests/e2e read it too): a fresh PGlite data folder by default; with E2E_DATABASE=postgres, a
 * fresh database of the run's own on the PostgreSQL server of TEST_DATABASE_URL,
 * `revivatech_e2e_<port>`, so runs on other ports never share one.
 *
 * PGlite stays the default in CI too: measured back to back on 2 cores, the whole e2e stage took
 * longer on PostgreSQL (see README, Tests), and the integration suite already runs every query
 * against PostgreSQL.
 */

/** 'pglite' or 'postgres' */
export function e2eDatabaseKind(env = process.env) {
  const chosen = env.E2E_DATABASE;
  if (chosen === 'pglite' || chosen === 'postgres') return chosen;
  if (chosen) throw new Error(`E2E_DATABASE must be "pglite" or "postgres", not "${chosen}"`);
  return 'pglite';
}

/** The run's own database on the server of TEST_DATABASE_URL, and that server's URL. */
export function e2ePostgres(port, env = process.env) {
  if (!env.TEST_DATABASE_URL) throw new Error('E2E_DATABASE=postgres needs TEST_DATABASE_URL');
  const name = `revivatech_e2e_${Number(port)}`;
  const url = new URL(env.TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), serverUrl: env.TEST_DATABASE_URL };
}
