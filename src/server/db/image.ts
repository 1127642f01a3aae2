/**
 * The pre-initialised database image (README, "Start-up time"): `npm run build` creates a
 * PGlite database, migrates and seeds it with the same code as a first start
 * (scripts/build-db-image.ts), and ships its folder in .build/db-image. On a first start with
 * an empty data folder the server copies that folder into DATA_DIR/pglite before the database
 * is opened, instead of creating a cluster and migrating and seeding it (seconds on 2 cores);
 * the migrations then run as always (a no-op when the image is current). The image holds only
 * the database: secrets (DATA_DIR/secrets.json) and the first admin are made per install, after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { migrationCount } from './client';
import { acquireDirLock } from './lock';

export const DATABASE_IMAGE_DIR = path.join(process.cwd(), '.build/db-image');

export interface ImageManifest {
  /** migrations applied in the image (the journal's entry count when it was made) */
  migrations: number;
  createdAt: string;
}

export const imageManifestFile = (imageDir: string) => path.join(imageDir, 'manifest.json');

function readManifest(imageDir: string): ImageManifest | null {
  try {
    return JSON.parse(fs.readFileSync(imageManifestFile(imageDir), 'utf8')) as ImageManifest;
  } catch {
    return null;
  }
}

function isEmptyOrMissing(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/**
 * Copies a folder of plain files with `copyFileSync` (the kernel copies each file's bytes).
 * Synchronous on purpose: about a quarter of the CPU of `fs.promises.cp`, which checks and
 * stats each of the image's ~1,260 files, and an asynchronous copy made its next file wait for
 * the event loop, which the server's code loading holds for seconds at a time (README,
 * "Start-up time"). The server runs it first, before that loading.
 */
export function copyTree(source: string, target: string): void {
  fs.mkdirSync(target, { recursive: true });
  for (const entry of fs.readdirSync(source, { withFileTypes: true })) {
    const from = path.join(source, entry.name);
    const to = path.join(target, entry.name);
    if (entry.isDirectory()) copyTree(from, to);
    else if (entry.isFile()) fs.copyFileSync(from, to);
    else throw new Error(`the database image holds something other than files and folders: ${from}`);
  }
}

export type ImageResult =
  | { installed: true; ms: number }
  | { installed: false; reason: 'not-empty' | 'no-image' | 'newer-image' | 'raced' };

/**
 * Fills `dataDir`/pglite from the image when that folder is missing or empty. Never touches a
 * folder with a database in it. Holds the data folder's lock while it copies (a process using
 * the folder makes this throw the same DataDirLockedError opening it would); the copy goes to a
 * temporary folder renamed into place, so a start killed half-way leaves no half database.
 */
export async function installDatabaseImage(
  dataDir: string,
  imageDir = DATABASE_IMAGE_DIR,
): Promise<ImageResult> {
  const target = path.join(dataDir, 'pglite');
  if (!isEmptyOrMissing(target)) return { installed: false, reason: 'not-empty' };
  const manifest = readManifest(imageDir);
  const source = path.join(imageDir, 'pglite');
  if (!manifest || !fs.existsSync(source)) return { installed: false, reason: 'no-image' };
  // an image from newer code than this one would hold migrations this code does not know
  if (manifest.migrations > migrationCount()) return { installed: false, reason: 'newer-image' };
  const started = Date.now();
  const lock = acquireDirLock(dataDir);
  const tmp = path.join(dataDir, `.pglite-image-${process.pid}`);
  try {
    if (!isEmptyOrMissing(target)) return { installed: false, reason: 'raced' };
    fs.rmSync(tmp, { recursive: true, force: true });
    copyTree(source, tmp);
    if (fs.existsSync(target)) fs.rmdirSync(target); // empty, checked under the lock
    fs.renameSync(tmp, target);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
    lock.release();
  }
  return { installed: true, ms: Date.now() - started };
}
