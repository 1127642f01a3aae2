/**
 * Responsive photo variants through the HTTP API: every width and format a photo's srcset
 * offers decodes at that width and in that format, is served with a year-long private
 * immutable cache on its fingerprinted URL, is made once and kept in the blob store, goes
 * with the photo when it is deleted, and keeps the photo's access rules. The storage part does
 * not depend on the database, so this runs on PGlite only.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { repairOrderPhotos, repairOrders } from '@/server/db/schema';
import { getBlobStore } from '@/server/storage';
import type { Photo } from '@/features/photos/schemas';
import { allVariantKeys, variantKey } from '@/features/photos/photo-variants';
import { startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

const IMMUTABLE = 'private, max-age=31536000, immutable';

describe('responsive photo variants', () => {
  let app: TestApp;
  let customer: TestUser;
  let stranger: TestUser;
  let tech: TestUser;
  let order: BookedOrder;
  let photo: Photo;

  const get = (p: string, who?: TestUser) => app.request(p, { headers: who ? { cookie: who.cookie } : {} });

  beforeAll(async () => {
    app = await startApp({ name: 'pglite' });
    customer = await createUser(app, 'customer');
    stranger = await createUser(app, 'customer');
    tech = await createUser(app, 'technician');
    order = await bookOrder(app, { cookie: customer.cookie, shop: 'london' });
    await app.handle.db
      .update(repairOrders)
      .set({ assignedTechnicianId: tech.id })
      .where(eq(repairOrders.id, order.orderId));
    const bytes = await sharp({ create: { width: 1700, height: 1000, channels: 3, background: '#c63' } })
      .jpeg()
      .toBuffer();
    const fd = new FormData();
    fd.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'phone.jpg');
    fd.set('kind', 'before');
    const res = await app.request(`/api/staff/orders/${order.orderId}/photos`, {
      method: 'POST',
      headers: { cookie: tech.cookie },
      body: fd,
    });
    expect(res.status, await res.clone().text()).toBe(201);
    photo = (await res.json()) as Photo;
  });
  afterAll(() => app.close());

  it('serves every srcset entry in its format at its width, cached for a year, made once', async () => {
    const [row] = await app.handle.db
      .select()
      .from(repairOrderPhotos)
      .where(eq(repairOrderPhotos.id, photo.id));
    for (const format of ['avif', 'webp'] as const) {
      const entries = photo.srcSet[format].split(', ').map((e) => {
        const [url, w] = e.split(' ');
        return { url: url!, width: Number(w!.slice(0, -1)) };
      });
      expect(entries.map((e) => e.width)).toEqual([320, 640, 960, 1280, 1700]);
      for (const { url, width } of entries) {
        expect(url).toContain(`v=${row!.sha256.slice(0, 16)}`);
        const res = await get(url, customer);
        expect(res.status, url).toBe(200);
        expect(res.headers.get('content-type')).toBe(`image/${format}`);
        expect(res.headers.get('cache-control')).toBe(IMMUTABLE);
        const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
        // libvips reports AVIF as its container, HEIF, with the AV1 compression
        expect(meta.format).toBe(format === 'avif' ? 'heif' : 'webp');
        if (format === 'avif') expect(meta.compression).toBe('av1');
        expect(meta.width).toBe(width);
        expect(meta.height).toBe(Math.round((width * 1000) / 1700));
      }
    }
    // kept in the blob store: a second request streams the same bytes
    const key = variantKey(row!.storageKey, 640, 'avif');
    const stored = await getBlobStore().get(key);
    expect(stored).not.toBeNull();
    const url640 = photo.srcSet.avif.split(', ')[1]!.split(' ')[0]!;
    const second = Buffer.from(await (await get(url640, customer)).arrayBuffer());
    expect(second.equals(stored!)).toBe(true);
    // the fingerprinted original and thumbnail are immutable too
    expect((await get(photo.url, customer)).headers.get('cache-control')).toBe(IMMUTABLE);
    expect((await get(photo.thumbUrl, customer)).headers.get('cache-control')).toBe(IMMUTABLE);
  });

  it('keeps access control and refuses bad parameters with 4xx', async () => {
    const url = photo.srcSet.webp.split(' ')[0]!;
    expect((await get(url)).status).toBe(404);
    expect((await get(url, stranger)).status).toBe(404);
    const base = `/api/photos/${photo.id}`;
    expect((await get(`${base}?w=500&format=webp`, customer)).status).toBe(422);
    expect((await get(`${base}?w=640&format=gif`, customer)).status).toBe(422);
    expect((await get(`${base}?w=640`, customer)).status).toBe(422);
    expect((await get(`${base}?v=not-a-hash`, customer)).status).toBe(422);
    // a well-formed fingerprint of other bytes names nothing
    expect((await get(`${base}?w=640&format=webp&v=0000000000000000`, customer)).status).toBe(404);
    // without a fingerprint: served, but only cached for an hour
    const plain = await get(`${base}?w=640&format=webp`, customer);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('cache-control')).toBe('private, max-age=3600');
  });

  it('deletes the variants with the photo', async () => {
    const [row] = await app.handle.db
      .select()
      .from(repairOrderPhotos)
      .where(eq(repairOrderPhotos.id, photo.id));
    const manager = await createUser(app, 'manager', { shopSlug: 'london' });
    const res = await app.request(`/api/staff/orders/${order.orderId}/photos/${photo.id}`, {
      method: 'DELETE',
      headers: { cookie: manager.cookie },
    });
    expect(res.status).toBe(204);
    for (const key of allVariantKeys(row!.storageKey)) expect(await getBlobStore().get(key)).toBeNull();
  });
});
