/**
 * `npm run migrate`: applies the database migrations (and pg-boss's queue schema) and the
 * first-run seed (SEED_ON_START) once, then exits. Run it before starting or upgrading several instances; `npm start` also migrates on
 * start-up (several instances starting at once take turns on an advisory lock), and
 * `npm run worker` never does.
 */
import { env } from '@/env';
import { logger } from '@/server/logger';
import { migrationCount } from '@/server/db/client';
import { closeDatabase, getDatabase } from '@/server/db/runtime';
import { startQueue, stopQueue } from '@/server/queue';
import { seedIfEmpty } from '@/server/entry/seed';

async function main() {
  const started = Date.now();
  const handle = await getDatabase();
  // the first-run seed too (SEED_ON_START), so instances started next need not race for it
  if (env.SEED_ON_START) await seedIfEmpty(handle.db);
  // pg-boss creates or upgrades its own schema when it starts; no worker runs here
  await startQueue({ handle, work: false });
  await stopQueue();
  await closeDatabase();
  logger.info(
    { kind: handle.kind, migrations: migrationCount(), ms: Date.now() - started },
    'database migrated',
  );
  console.log(`Migrated the ${env.DATABASE_URL ? 'PostgreSQL' : 'embedded'} database.`);
}

main().catch((err: unknown) => {
  logger.fatal({ err }, 'migration failed');
  console.error(err);
  process.exit(1);
});
