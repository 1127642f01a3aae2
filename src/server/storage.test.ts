import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FsBlobStore, InvalidBlobKeyError } from './storage';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rt-blobs-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function readAll(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe('FsBlobStore', () => {
  const store = new FsBlobStore(path.join(root, 'uploads'));

  it('puts, gets, streams and deletes by key; files 0600 in folders 0700', async () => {
    await store.put('photos/ab/abc.jpg', Buffer.from('hello'));
    expect((await store.get('photos/ab/abc.jpg'))?.toString()).toBe('hello');
    const s = await store.stream('photos/ab/abc.jpg');
    expect(s?.size).toBe(5);
    expect((await readAll(s!.body)).toString()).toBe('hello');

    const file = path.join(root, 'uploads/photos/ab/abc.jpg');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    for (const dir of ['uploads', 'uploads/photos', 'uploads/photos/ab']) {
      expect(fs.statSync(path.join(root, dir)).mode & 0o777, dir).toBe(0o700);
    }
    // no temporary files left behind
    expect(fs.readdirSync(path.dirname(file))).toEqual(['abc.jpg']);

    await store.put('photos/ab/abc.jpg', Buffer.from('replaced'));
    expect((await store.get('photos/ab/abc.jpg'))?.toString()).toBe('replaced');
    await store.delete('photos/ab/abc.jpg');
    expect(await store.get('photos/ab/abc.jpg')).toBeNull();
    expect(await store.stream('photos/ab/abc.jpg')).toBeNull();
    await store.delete('photos/ab/abc.jpg'); // deleting a missing blob is fine
  });

  it.each([
    '../secrets.json',
    'photos/../../etc/passwd',
    '/etc/passwd',
    'photos//x',
    'photos/./x',
    'Photos/X.JPG',
    'photos/x y.jpg',
    'photos\\x',
    '',
    '.hidden',
    `photos/${'a'.repeat(300)}`,
  ])('refuses the key %j', async (key) => {
    await expect(store.put(key, Buffer.from('x'))).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.get(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(store.delete(key)).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });
});
