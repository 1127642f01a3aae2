/**
 * The blob store for uploads (photos and their thumbnails): bytes by key. Keys are ids the app
 * generates (`photos/ab/<uuid>.jpg`), never a user's file name. The embedded implementation
 * keeps files under UPLOAD_DIR (default DATA_DIR/uploads), mode 0600 in folders 0700.
 *
 * Scaling out: every app instance must see the same blobs. Either mount one shared volume
 * (NFS, EFS, a Kubernetes ReadWriteMany volume) at UPLOAD_DIR on every instance, or implement
 * `BlobStore` against an S3-compatible service (put = PutObject, stream = GetObject,
 * delete = DeleteObject) and install it with `setBlobStore` at start-up.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { env } from '@/env';

export interface BlobStream {
  body: ReadableStream<Uint8Array>;
  size: number;
}

export interface BlobStore {
  /** Stores `data` under `key`, replacing what was there; the write is atomic (all or nothing). */
  put(key: string, data: Uint8Array): Promise<void>;
  /** The whole blob, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** The blob as a stream with its size, or null when there is none. */
  stream(key: string): Promise<BlobStream | null>;
  /** Removes the blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Lower-case letters, digits, `-`, `_`, `.`, separated by single `/`; no `..`, no leading `/`. */
const KEY = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*(\/[a-z0-9][a-z0-9_-]*(\.[a-z0-9_-]+)*)*$/;

export class InvalidBlobKeyError extends Error {
  constructor(key: string) {
    super(`Invalid blob key: ${JSON.stringify(key).slice(0, 80)}`);
    this.name = 'InvalidBlobKeyError';
  }
}

export function assertBlobKey(key: string): void {
  if (key.length > 200 || !KEY.test(key)) throw new InvalidBlobKeyError(key);
}

function isNotFound(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** Files under `root`: `root/<key>`, written to a temporary name and renamed into place. */
export class FsBlobStore implements BlobStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** The file for a key; the key rules already exclude traversal, this checks it again. */
  private file(key: string): string {
    assertBlobKey(key);
    const file = path.resolve(this.root, key);
    if (!file.startsWith(this.root + path.sep)) throw new InvalidBlobKeyError(key);
    return file;
  }

  async put(key: string, data: Uint8Array): Promise<void> {
    const file = this.file(key);
    await fsp.mkdir(this.root, { recursive: true, mode: 0o700 });
    await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fsp.writeFile(tmp, data, { mode: 0o600, flag: 'wx' });
      await fsp.rename(tmp, file);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fsp.readFile(this.file(key));
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async stream(key: string): Promise<BlobStream | null> {
    const file = this.file(key);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, fs.constants.O_RDONLY);
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
    try {
      const { size } = await handle.stat();
      // the stream owns the handle from here and closes it when done or cancelled
      const body = Readable.toWeb(handle.createReadStream({ autoClose: true })) as ReadableStream<Uint8Array>;
      return { body, size };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
  }
}

declare global {
  var __rtBlobStore: BlobStore | undefined;
}

export function uploadDir(): string {
  return env.UPLOAD_DIR ?? path.join(env.DATA_DIR, 'uploads');
}

/** The process-wide store (on globalThis: Next's bundle and the Node server share it). */
export function getBlobStore(): BlobStore {
  return (globalThis.__rtBlobStore ??= new FsBlobStore(uploadDir()));
}

/** Installs another store (an S3-compatible one, or a test's own folder). */
export function setBlobStore(store: BlobStore | undefined): void {
  globalThis.__rtBlobStore = store;
}
