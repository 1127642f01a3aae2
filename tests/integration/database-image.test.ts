/**
 * The pre-initialised database image (src/server/db/image.ts): a new data folder filled from
 * the image is a working, migrated, seeded database of its own, and each install still makes
 * its own secrets and first admin. The image here is made like the build makes it (a migrated,
 * seeded PGlite folder, from this run's template dump), PGlite only (PostgreSQL never uses it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { migrationCount, openDatabase, type DatabaseHandle } from '@/server/db/client';
import { imageManifestFile, installDatabaseImage } from '@/server/db/image';
import { shops, user } from '@/server/db/schema';
import { catalogIsEmpty } from '@/features/catalog/server';
import { ensureFirstAdmin } from '@/features/auth/server';
import type { Secrets } from '@/server/secrets';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-db-image-'));
const imageDir = path.join(tmp, 'image');
const installA = path.join(tmp, 'install-a');
const installB = path.join(tmp, 'install-b');

/** getSecrets() of a process whose DATA_DIR is `dataDir` (env and secrets are per process). */
async function secretsOf(dataDir: string): Promise<Secrets> {
  vi.stubEnv('DATA_DIR', dataDir);
  vi.resetModules();
  globalThis.__rtSecrets = undefined;
  try {
    const { getSecrets } = await import('@/server/secrets');
    return getSecrets();
  } finally {
    globalThis.__rtSecrets = undefined;
    vi.unstubAllEnvs();
    vi.resetModules();
  }
}

describe('database image', () => {
  const open: DatabaseHandle[] = [];

  beforeAll(async () => {
    // the image: a migrated, seeded PGlite folder and its manifest
    const made = await openDatabase({
      dataDir: path.join(tmp, 'making'),
      loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]),
    });
    await made.close();
    fs.mkdirSync(imageDir);
    fs.renameSync(path.join(tmp, 'making', 'pglite'), path.join(imageDir, 'pglite'));
    fs.writeFileSync(imageManifestFile(imageDir), JSON.stringify({ migrations: migrationCount() }));
  });
  afterAll(async () => {
    for (const h of open) await h.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('fills a new data folder, and never one with a database in it', async () => {
    expect(await installDatabaseImage(installA, imageDir)).toMatchObject({ installed: true });
    expect(await installDatabaseImage(installB, imageDir)).toMatchObject({ installed: true });
    expect(await installDatabaseImage(installA, imageDir)).toEqual({ installed: false, reason: 'not-empty' });
    expect(await installDatabaseImage(path.join(tmp, 'c'), path.join(tmp, 'none'))).toEqual({
      installed: false,
      reason: 'no-image',
    });
    // no copy or lock left behind, and nothing but the database shipped
    expect(fs.readdirSync(installA)).toEqual(['pglite']);
    expect(fs.readdirSync(imageDir).sort()).toEqual(['manifest.json', 'pglite']);
  });

  it('refuses an image from newer code (migrations this code does not know)', async () => {
    const newer = path.join(tmp, 'newer');
    fs.mkdirSync(path.join(newer, 'pglite'), { recursive: true });
    fs.writeFileSync(imageManifestFile(newer), JSON.stringify({ migrations: migrationCount() + 1 }));
    expect(await installDatabaseImage(path.join(tmp, 'd'), newer)).toEqual({
      installed: false,
      reason: 'newer-image',
    });
  });

  it('gives each install a working, migrated, seeded database of its own', async () => {
    const a = await openDatabase({ dataDir: installA });
    open.push(a);
    const b = await openDatabase({ dataDir: installB });
    open.push(b);
    for (const h of [a, b]) {
      const applied = await h.db.execute<{ n: number }>(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect((applied as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(migrationCount());
      expect(await catalogIsEmpty(h.db)).toBe(false);
      expect((await h.db.select().from(shops)).length).toBeGreaterThan(0);
      // no accounts in the image: the first admin is made per install, from its own env
      expect(await h.db.select().from(user)).toEqual([]);
    }
    expect(await ensureFirstAdmin(a.db, 'admin.a@example.com', 'install-a-password')).toBe(true);
    expect(await a.db.select().from(user).where(eq(user.email, 'admin.a@example.com'))).toHaveLength(1);
    expect(await b.db.select().from(user)).toEqual([]);
  });

  it('makes secrets per install, none from the image', async () => {
    const a = await secretsOf(installA);
    const b = await secretsOf(installB);
    expect(fs.existsSync(path.join(installA, 'secrets.json'))).toBe(true);
    expect(a.authSecret).not.toBe(b.authSecret);
    expect(a.encryptionKey.equals(b.encryptionKey)).toBe(false);
    expect(a.vapid.privateKey).not.toBe(b.vapid.privateKey);
  });
});
