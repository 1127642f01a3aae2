/**
 * The app's database as a start opens it: a new embedded data folder is first filled from the
 * build's database image (src/server/db/image.ts; production only: `npm start` rebuilds it when
 * the sources change), then the database is opened and migrated (src/server/db/runtime.ts).
 *
 * Light on purpose: the full server (src/server/main.ts) starts this before it loads the rest
 * of its code, so the image copy (libuv's pool) and PGlite's start (its worker thread) run
 * while the main thread imports the server (README, "Start-up time").
 */
import { env } from '@/env';
import { logger } from '@/server/logger';
import { getDatabase, type DatabaseHandle } from '@/server/db/runtime';
import { installDatabaseImage } from '@/server/db/image';

/** `phases` receives the milliseconds of `image` (when it applies) and `database`. */
export async function openAppDatabase(phases: Record<string, number> = {}): Promise<DatabaseHandle> {
  let mark = Date.now();
  if (!env.DATABASE_URL && env.NODE_ENV === 'production' && env.SEED_ON_START) {
    const image = await installDatabaseImage(env.DATA_DIR);
    if (image.installed) logger.info({ ms: image.ms }, 'new data folder: loaded the database image');
    phases.image = Date.now() - mark;
    mark = Date.now();
  }
  const handle = await getDatabase();
  phases.database = Date.now() - mark;
  return handle;
}
