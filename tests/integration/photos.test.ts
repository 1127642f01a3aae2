/**
 * Order photos through the HTTP API: uploads with type/size checks, what is stored (upright,
 * no metadata, thumbnails), and who may see, add and delete them.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairOrderEvents, repairOrderPhotos, repairOrders } from '@/server/db/schema';
import { FsBlobStore, getBlobStore } from '@/server/storage';
import type { Photo, PhotoList } from '@/features/photos/schemas';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

const MAX_BYTES = 10 * 1024 * 1024;

interface Upload {
  bytes: Uint8Array;
  type?: string;
  name?: string;
}

async function jpeg(width = 640, height = 480) {
  return sharp({ create: { width, height, channels: 3, background: '#2a7' } })
    .jpeg()
    .toBuffer();
}

function form(file: Upload | null, fields: Record<string, string> = { kind: 'before' }) {
  const fd = new FormData();
  if (file) {
    fd.set(
      'file',
      new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type ?? '' }),
      file.name ?? 'upload',
    );
  }
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe.each(BACKENDS)('order photos on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let otherCustomer: TestUser;
  let tech: TestUser;
  let otherTech: TestUser;
  let manager: TestUser;
  let otherShopManager: TestUser;
  let order: BookedOrder;
  let otherOrder: BookedOrder;

  const upload = (
    who: TestUser,
    file: Upload | null,
    fields?: Record<string, string>,
    orderId = order.orderId,
  ) =>
    app.request(`/api/staff/orders/${orderId}/photos`, {
      method: 'POST',
      headers: { cookie: who.cookie },
      body: form(file, fields),
    });

  async function uploaded(who: TestUser, file: Upload, fields?: Record<string, string>): Promise<Photo> {
    const res = await upload(who, file, fields);
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Photo;
  }

  const get = (p: string, who?: TestUser, headers: Record<string, string> = {}) =>
    app.request(p, { headers: { ...headers, ...(who ? { cookie: who.cookie } : {}) } });

  async function assign(orderId: string, technicianId: string | null) {
    await app.handle.db
      .update(repairOrders)
      .set({ assignedTechnicianId: technicianId })
      .where(eq(repairOrders.id, orderId));
  }

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer');
    otherCustomer = await createUser(app, 'customer');
    tech = await createUser(app, 'technician', { name: 'Tess Tech' });
    otherTech = await createUser(app, 'technician');
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
    otherShopManager = await createUser(app, 'manager', { shopSlug: 'manchester' });
    order = await bookOrder(app, { cookie: customer.cookie, shop: 'london' });
    otherOrder = await bookOrder(app, { cookie: otherCustomer.cookie, shop: 'london' });
    await assign(order.orderId, tech.id);
  });
  afterAll(() => app.close());

  it('stores JPEG, PNG and WebP with their dimensions and serves a smaller WebP thumbnail', async () => {
    const base = sharp({ create: { width: 900, height: 600, channels: 3, background: '#36c' } });
    for (const [format, mime] of [
      ['jpeg', 'image/jpeg'],
      ['png', 'image/png'],
      ['webp', 'image/webp'],
    ] as const) {
      const bytes = await base.clone().toFormat(format).toBuffer();
      const photo = await uploaded(tech, { bytes, type: mime, name: `device.${format}` }, { kind: 'intake' });
      expect(photo).toMatchObject({
        kind: 'intake',
        visibility: 'customer',
        mimeType: mime,
        width: 900,
        height: 600,
        uploadedBy: { id: tech.id, name: 'Tess Tech' },
        canDelete: true,
      });

      const full = await get(photo.url, tech);
      expect(full.status).toBe(200);
      expect(full.headers.get('content-type')).toBe(mime);
      const fullBytes = Buffer.from(await full.arrayBuffer());
      expect(fullBytes.length).toBe(photo.sizeBytes);
      expect((await sharp(fullBytes).metadata()).format).toBe(format);

      const thumb = await get(photo.thumbUrl, tech);
      expect(thumb.status).toBe(200);
      expect(thumb.headers.get('content-type')).toBe('image/webp');
      const thumbBytes = Buffer.from(await thumb.arrayBuffer());
      expect(thumbBytes.length).toBeLessThan(fullBytes.length);
      expect(await sharp(thumbBytes).metadata()).toMatchObject({ format: 'webp', width: 320, height: 213 });
    }

    // the row, the files (0600) and a customer-visible timeline event per photo
    const rows = await app.handle.db
      .select()
      .from(repairOrderPhotos)
      .where(eq(repairOrderPhotos.orderId, order.orderId));
    expect(rows).toHaveLength(3);
    const store = getBlobStore();
    expect(store).toBeInstanceOf(FsBlobStore);
    for (const r of rows) {
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.storageKey).toMatch(/^photos\/[0-9a-f]{2}\/[0-9a-f-]{36}\.(jpg|png|webp)$/);
      const file = path.join((store as FsBlobStore).root, r.storageKey);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    const events = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, order.orderId), eq(repairOrderEvents.type, 'photo_added')));
    expect(events.map((e) => e.data?.photoId).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(events.every((e) => e.visibility === 'customer' && e.actorUserId === tech.id)).toBe(true);
  });

  it('refuses what is not a JPEG/PNG/WebP photo with 415 and a field message', async () => {
    const cases: Upload[] = [
      { bytes: Buffer.from('just some notes\n'), type: 'text/plain', name: 'notes.txt' },
      {
        bytes: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n'),
        type: 'application/pdf',
        name: 'invoice.pdf',
      },
      {
        bytes: Buffer.from(
          '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
        ),
        type: 'image/svg+xml',
        name: 'photo.svg',
      },
      // a text file that lies: named photo.png, declared image/png
      { bytes: Buffer.from('not really a png'), type: 'image/png', name: 'photo.png' },
    ];
    for (const file of cases) {
      const res = await upload(tech, file);
      expect(res.status, file.name).toBe(415);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as { code: string; errors: Array<{ path: string; message: string }> };
      expect(body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(body.errors[0]?.path).toBe('file');
    }
  });

  it('refuses a PNG that claims to be a JPEG (the bytes decide, and a file that lies is refused)', async () => {
    const png = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const res = await upload(tech, { bytes: png, type: 'image/jpeg', name: 'photo.jpg' });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { errors: Array<{ message: string }> };
    expect(body.errors[0]?.message).toBe('The file says it is JPEG, but its contents are PNG.');
    // the same PNG, honestly named, is fine
    expect((await upload(tech, { bytes: png, type: 'image/png', name: 'photo.png' })).status).toBe(201);
  });

  it('refuses oversized files with 413: a declared length over the cap, and a chunked body cut off while streaming', async () => {
    const big = Buffer.alloc(MAX_BYTES + 1024, 0xab);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const res = await upload(tech, { bytes: big, type: 'image/jpeg', name: 'big.jpg' });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe('PAYLOAD_TOO_LARGE');

    // no Content-Length: the body arrives in chunks and is refused once it passes the cap
    const fd = form({ bytes: Buffer.alloc(MAX_BYTES * 2, 1), type: 'image/jpeg', name: 'huge.jpg' });
    const encoded = new Request('http://x/', { method: 'POST', body: fd });
    const chunked = await app.request(`/api/staff/orders/${order.orderId}/photos`, {
      method: 'POST',
      headers: { cookie: tech.cookie, 'content-type': encoded.headers.get('content-type')! },
      body: encoded.body,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);

    // a file just over the limit inside a request under the cap is refused too
    const justOver = Buffer.alloc(MAX_BYTES + 1, 0);
    justOver.set([0xff, 0xd8, 0xff, 0xe0]);
    expect((await upload(tech, { bytes: justOver, type: 'image/jpeg', name: 'x.jpg' })).status).toBe(413);
    // and nothing was stored
    const rows = await app.handle.db
      .select({ id: repairOrderPhotos.id })
      .from(repairOrderPhotos)
      .where(eq(repairOrderPhotos.orderId, order.orderId));
    expect(rows.length).toBeLessThan(10);
  });

  it('answers 422 for missing fields and 415 for a body that is not multipart', async () => {
    const noFile = await upload(tech, null, { kind: 'before' });
    expect(noFile.status).toBe(422);
    expect(((await noFile.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      'file',
    ]);
    const badKind = await upload(tech, { bytes: await jpeg(), type: 'image/jpeg' }, { kind: 'selfie' });
    expect(badKind.status).toBe(422);
    expect(((await badKind.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe('kind');
    const json = await app.request(`/api/staff/orders/${order.orderId}/photos`, {
      method: 'POST',
      headers: { cookie: tech.cookie },
      json: { kind: 'before' },
    });
    expect(json.status).toBe(415);
  });

  it('strips EXIF (GPS included) and turns the photo upright', async () => {
    const withGps = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#999' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({
        IFD0: { Make: 'PhoneCo', Model: 'Snap 9' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '51/1 30/1 26/1',
          GPSLongitudeRef: 'W',
          GPSLongitude: '0/1 7/1 39/1',
        },
      })
      .toBuffer();
    expect(withGps.toString('latin1')).toContain('PhoneCo');
    const photo = await uploaded(tech, { bytes: withGps, type: 'image/jpeg', name: 'IMG_0001.JPG' });
    expect([photo.width, photo.height]).toEqual([200, 300]);
    const stored = Buffer.from(await (await get(photo.url, tech)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.toString('latin1')).not.toContain('PhoneCo');
    expect(stored.toString('latin1')).not.toContain('GPS');
  });

  it('lets only the assigned technician or a manager of the shop upload', async () => {
    const file = { bytes: await jpeg(), type: 'image/jpeg', name: 'a.jpg' };
    expect((await upload(otherTech, file)).status).toBe(403);
    expect((await upload(customer, file)).status).toBe(403);
    expect((await upload(otherShopManager, file)).status).toBe(403);
    expect((await upload(manager, file)).status).toBe(201);
    const unknown = await upload(tech, file, undefined, '00000000-0000-0000-0000-000000000000');
    expect(unknown.status).toBe(404);
    const anonymous = await app.request(`/api/staff/orders/${order.orderId}/photos`, {
      method: 'POST',
      body: form(file),
    });
    expect(anonymous.status).toBe(401);
  });

  it('shows internal photos to staff only; customers and tracking links see the customer-visible ones', async () => {
    const internal = await uploaded(
      tech,
      { bytes: await jpeg(320, 320), type: 'image/jpeg', name: 'board.jpg' },
      { kind: 'other', visibility: 'internal', caption: 'Water damage on the board' },
    );
    const shared = await uploaded(
      tech,
      { bytes: await jpeg(320, 320), type: 'image/jpeg', name: 'after.jpg' },
      { kind: 'after', caption: 'New screen fitted' },
    );
    expect(internal.visibility).toBe('internal');

    // staff: everything, with the limits for the uploader
    const staff = (await (
      await get(`/api/staff/orders/${order.orderId}/photos`, otherTech)
    ).json()) as PhotoList;
    expect(staff.items.map((p) => p.id)).toEqual(expect.arrayContaining([internal.id, shared.id]));
    expect(staff.limits).toEqual({ maxBytes: MAX_BYTES, accept: ['image/jpeg', 'image/png', 'image/webp'] });
    expect(staff.canUpload).toBe(false); // not assigned to otherTech
    expect((await get(internal.url, otherTech)).status).toBe(200);
    // the staff list also answers by reference
    expect((await get(`/api/staff/orders/${order.reference}/photos`, tech)).status).toBe(200);

    // the owner: customer-visible only, no uploader details
    const mine = (await (
      await get(`/api/account/repairs/${order.reference}/photos`, customer)
    ).json()) as PhotoList;
    expect(mine.items.map((p) => p.id)).toContain(shared.id);
    expect(mine.items.map((p) => p.id)).not.toContain(internal.id);
    expect(
      mine.items.every((p) => p.visibility === 'customer' && p.uploadedBy === null && !p.canDelete),
    ).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('Water damage');
    expect((await get(shared.url, customer)).status).toBe(200);
    expect((await get(internal.url, customer)).status).toBe(404);
    expect((await get(internal.thumbUrl, customer)).status).toBe(404);

    // the tracking link: customer-visible only; the token travels in the image URLs
    const tracked = (await (
      await get(`/api/track/${order.reference}/photos?token=${encodeURIComponent(order.trackingToken)}`)
    ).json()) as PhotoList;
    expect(tracked.items.map((p) => p.id)).not.toContain(internal.id);
    const sharedTracked = tracked.items.find((p) => p.id === shared.id)!;
    expect(sharedTracked.thumbUrl).toContain('token=');
    expect((await get(sharedTracked.url)).status).toBe(200);
    expect((await get(sharedTracked.thumbUrl)).status).toBe(200);
    const token = `token=${encodeURIComponent(order.trackingToken)}`;
    expect((await get(`/api/photos/${internal.id}?${token}`)).status).toBe(404);
    // a wrong token, or another order's token, is the same 404 as no photo at all
    expect((await get(`/api/track/${order.reference}/photos?token=nope`)).status).toBe(404);
    expect((await get(`/api/photos/${shared.id}?token=nope`)).status).toBe(404);
    expect(
      (await get(`/api/photos/${shared.id}?token=${encodeURIComponent(otherOrder.trackingToken)}`)).status,
    ).toBe(404);
    expect((await get(`/api/photos/${shared.id}`)).status).toBe(404);

    // the internal event is not on the public timeline
    const timeline = (await (
      await get(`/api/track/${order.reference}?token=${encodeURIComponent(order.trackingToken)}`)
    ).json()) as { timeline: Array<{ type: string; message: string | null }> };
    expect(timeline.timeline.map((e) => e.message)).toContain('New screen fitted');
    expect(timeline.timeline.map((e) => e.message)).not.toContain('Water damage on the board');
  });

  it("gives another order's customer 404 on the list and on the bytes", async () => {
    const photo = await uploaded(tech, { bytes: await jpeg(), type: 'image/jpeg', name: 'x.jpg' });
    const list = await get(`/api/account/repairs/${order.reference}/photos`, otherCustomer);
    expect(list.status).toBe(404);
    expect((await get(photo.url, otherCustomer)).status).toBe(404);
    expect((await get(photo.thumbUrl, otherCustomer)).status).toBe(404);
    // and the staff list is not for customers at all
    expect((await get(`/api/staff/orders/${order.orderId}/photos`, customer)).status).toBe(403);
    // an unknown or malformed photo id is the same 404
    expect((await get('/api/photos/00000000-0000-0000-0000-000000000000', tech)).status).toBe(404);
    expect((await get('/api/photos/not-a-uuid', tech)).status).toBe(404);
  });

  it('serves the image with private caching, an ETag, nosniff and inline disposition', async () => {
    const photo = await uploaded(tech, { bytes: await jpeg(), type: 'image/jpeg', name: 'x.jpg' });
    const [row] = await app.handle.db
      .select()
      .from(repairOrderPhotos)
      .where(eq(repairOrderPhotos.id, photo.id));
    const res = await get(photo.url, customer);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toMatch(/^private\b/);
    expect(res.headers.get('etag')).toBe(`"${row!.sha256}"`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toBe('inline');
    expect(res.headers.get('content-length')).toBe(String(row!.sizeBytes));
    const thumb = await get(photo.thumbUrl, customer);
    expect(thumb.headers.get('etag')).not.toBe(res.headers.get('etag'));
    // a revalidation with the ETag gets 304 and no body
    const again = await get(photo.url, customer, { 'if-none-match': res.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('lets a manager, or the uploader while assigned, delete; the files go and an internal event stays', async () => {
    const file = { bytes: await jpeg(), type: 'image/jpeg', name: 'x.jpg' };
    const del = (who: TestUser, photo: Photo) =>
      app.request(`/api/staff/orders/${order.orderId}/photos/${photo.id}`, {
        method: 'DELETE',
        headers: { cookie: who.cookie },
      });
    const byTech = await uploaded(tech, file);
    const byManager = await uploaded(manager, file);

    // another technician, a manager of another shop, and the customer may not
    expect((await del(otherTech, byTech)).status).toBe(403);
    expect((await del(otherShopManager, byTech)).status).toBe(403);
    expect((await del(customer, byTech)).status).toBe(403);
    // the assigned technician may delete their own photo, not a manager's
    expect((await del(tech, byManager)).status).toBe(403);

    const store = getBlobStore() as FsBlobStore;
    const [row] = await app.handle.db
      .select()
      .from(repairOrderPhotos)
      .where(eq(repairOrderPhotos.id, byTech.id));
    expect(fs.existsSync(path.join(store.root, row!.storageKey))).toBe(true);
    expect((await del(tech, byTech)).status).toBe(204);
    expect(fs.existsSync(path.join(store.root, row!.storageKey))).toBe(false);
    expect(fs.existsSync(path.join(store.root, row!.thumbKey))).toBe(false);
    expect((await get(byTech.url, tech)).status).toBe(404);
    expect((await del(tech, byTech)).status).toBe(404);

    const [removed] = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, order.orderId), eq(repairOrderEvents.type, 'photo_removed')));
    expect(removed).toMatchObject({ visibility: 'internal', actorUserId: tech.id });
    expect(removed!.data).toMatchObject({ photoId: byTech.id });

    // once unassigned, the uploader may no longer delete their photo; the manager may
    const again = await uploaded(tech, file);
    await assign(order.orderId, otherTech.id);
    try {
      expect((await del(tech, again)).status).toBe(403);
      expect((await del(manager, again)).status).toBe(204);
      expect((await del(manager, byManager)).status).toBe(204);
    } finally {
      await assign(order.orderId, tech.id);
    }
    // a photo id from another order is not found through this order
    const elsewhere = await uploaded(manager, file);
    const wrongOrder = await app.request(`/api/staff/orders/${otherOrder.orderId}/photos/${elsewhere.id}`, {
      method: 'DELETE',
      headers: { cookie: manager.cookie },
    });
    expect(wrongOrder.status).toBe(404);
  });
});
