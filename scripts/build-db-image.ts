/**
 * Part of `npm run build`: the pre-initialised database image (src/server/db/image.ts). A new
 * PGlite database in a temporary folder, migrated and seeded with the same code as a first
 * start (openDatabase's migrations, then seedAll), closed cleanly, then moved to
 * .build/db-image/pglite with a manifest. Holds no secrets and no accounts: those are made per
 * install at start-up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { migrationCount, openDatabase } from '@/server/db/client';
import { DATABASE_IMAGE_DIR, imageManifestFile, type ImageManifest } from '@/server/db/image';
import { seedAll } from '@/server/entry/seed';

const started = Date.now();
const work = `${DATABASE_IMAGE_DIR}.tmp-${process.pid}`;
fs.rmSync(work, { recursive: true, force: true });
const handle = await openDatabase({ dataDir: work });
try {
  await seedAll(handle.db);
} finally {
  await handle.close();
}
// only the database folder ships (the lock file is this process's)
fs.rmSync(path.join(work, 'revivatech.lock'), { force: true });
const manifest: ImageManifest = { migrations: migrationCount(), createdAt: new Date().toISOString() };
fs.writeFileSync(imageManifestFile(work), `${JSON.stringify(manifest, null, 2)}\n`);
fs.rmSync(DATABASE_IMAGE_DIR, { recursive: true, force: true });
fs.renameSync(work, DATABASE_IMAGE_DIR);
console.log(
  `Database image: ${path.relative(process.cwd(), DATABASE_IMAGE_DIR)} (${Date.now() - started} ms)`,
);
