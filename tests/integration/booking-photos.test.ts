/**
 * Photos of the damage sent with a booking (POST /api/bookings/{reference}/photos, authorised
 * by the manage link's signature), and the Idempotency-Key on photo uploads: a retry after a
 * lost answer stores the photo once and answers the same.
 */
import sharp from 'sharp';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairOrderEvents, repairOrderPhotos, repairOrders } from '@/server/db/schema';
import { manageSignature } from '@/features/booking/server/manage-link';
import type { Photo, PhotoList } from '@/features/photos/schemas';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

interface BookingPhotoAnswer {
  photo: { id: string; sizeBytes: number; width: number; height: number; caption: string | null };
  remaining: number;
}

const jpeg = (width = 800, height = 600, background = '#c53') =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

function form(bytes: Uint8Array | null, fields: Record<string, string> = {}, name = 'damage.jpg') {
  const fd = new FormData();
  if (bytes) fd.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/jpeg' }), name);
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

describe.each(BACKENDS)('booking photos and upload idempotency on $name', (backend) => {
  let app: TestApp;
  let tech: TestUser;
  let customer: TestUser;

  const send = (reference: string, body: FormData, opts: { sigInQuery?: string; key?: string } = {}) =>
    app.request(
      `/api/bookings/${reference}/photos${opts.sigInQuery === undefined ? '' : `?sig=${encodeURIComponent(opts.sigInQuery)}`}`,
      { method: 'POST', body, headers: opts.key ? { 'idempotency-key': opts.key } : {} },
    );

  const photoRows = (orderId: string) =>
    app.handle.db.select().from(repairOrderPhotos).where(eq(repairOrderPhotos.orderId, orderId));

  beforeAll(async () => {
    app = await startApp(backend);
    tech = await createUser(app, 'technician', { name: 'Tia Tech' });
    customer = await createUser(app, 'customer');
  });
  afterAll(() => app.close());

  it('stores a photo sent with the manage signature as a customer-visible before photo the staff see', async () => {
    const order = await bookOrder(app, { cookie: customer.cookie });
    const sig = manageSignature(order.reference);
    const res = await send(order.reference, form(await jpeg(), { sig, caption: 'Cracked corner' }));
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as BookingPhotoAnswer;
    expect(body).toMatchObject({
      photo: { width: 800, height: 600, caption: 'Cracked corner' },
      remaining: 4,
    });

    // the signature in the query string works as well
    const viaQuery = await send(order.reference, form(await jpeg(640, 480)), { sigInQuery: sig });
    expect(viaQuery.status).toBe(201);
    expect(((await viaQuery.json()) as BookingPhotoAnswer).remaining).toBe(3);

    const rows = await photoRows(order.orderId);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r).toMatchObject({
        kind: 'before',
        visibility: 'customer',
        uploadedVia: 'booking',
        uploadedBy: customer.id,
      });
    }
    // the timeline says the customer added it
    const events = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(and(eq(repairOrderEvents.orderId, order.orderId), eq(repairOrderEvents.type, 'photo_added')));
    expect(events.map((e) => e.actorRole)).toEqual(['customer', 'customer']);

    // staff see it on the order; so does the customer through the tracking link
    const staff = await app.request(`/api/staff/orders/${order.orderId}/photos`, {
      headers: { cookie: tech.cookie },
    });
    expect(staff.status).toBe(200);
    const list = (await staff.json()) as PhotoList;
    expect(list.items.map((p) => p.id)).toContain(body.photo.id);
    const tracked = await app.request(
      `/api/track/${order.reference}/photos?token=${encodeURIComponent(order.trackingToken)}`,
    );
    expect(((await tracked.json()) as PhotoList).items).toHaveLength(2);
  });

  it('answers a wrong, missing or foreign signature with the same 404 and stores nothing', async () => {
    const order = await bookOrder(app);
    const other = await bookOrder(app);
    const bytes = await jpeg();
    for (const sig of ['wrong-signature', '', manageSignature(other.reference)]) {
      const res = await send(order.reference, form(bytes, sig ? { sig } : {}));
      expect(res.status).toBe(404);
      expect(((await res.json()) as { detail: string }).detail).toBe(
        'No booking matches that reference and link.',
      );
    }
    // a wrong signature in the query string is refused before the body is read
    expect((await send(order.reference, form(bytes), { sigInQuery: 'nope' })).status).toBe(404);
    // an unknown reference with a valid-looking signature of it
    expect((await send('RT-ZZZZZZ', form(bytes, { sig: manageSignature('RT-ZZZZZZ') }))).status).toBe(404);
    expect(await photoRows(order.orderId)).toHaveLength(0);
  });

  it('refuses the sixth photo with 409 and a clear message', async () => {
    const order = await bookOrder(app);
    const sig = manageSignature(order.reference);
    for (let i = 0; i < 5; i++) {
      const res = await send(order.reference, form(await jpeg(300 + i * 10, 200), { sig }));
      expect(res.status).toBe(201);
    }
    const sixth = await send(order.reference, form(await jpeg(), { sig }));
    expect(sixth.status).toBe(409);
    expect(((await sixth.json()) as { detail: string }).detail).toMatch(/already has 5 photos/);
    expect(await photoRows(order.orderId)).toHaveLength(5);

    // staff photos do not count against the customer's five
    await app.handle.db
      .update(repairOrders)
      .set({ assignedTechnicianId: tech.id })
      .where(eq(repairOrders.id, order.orderId));
    const staffUpload = await app.request(`/api/staff/orders/${order.orderId}/photos`, {
      method: 'POST',
      headers: { cookie: tech.cookie },
      body: form(await jpeg(), { kind: 'intake' }),
    });
    expect(staffUpload.status).toBe(201);
  });

  it('refuses a file that is not an image (415), an empty form (422) and a NUL in the caption (422)', async () => {
    const order = await bookOrder(app);
    const sig = manageSignature(order.reference);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\n');
    const notImage = await send(order.reference, form(pdf, { sig }, 'damage.pdf'));
    expect(notImage.status).toBe(415);
    const problem = (await notImage.json()) as { errors: Array<{ path: string; message: string }> };
    expect(problem.errors[0]).toMatchObject({ path: 'file' });

    const noFile = await send(order.reference, form(null, { sig }));
    expect(noFile.status).toBe(422);
    expect(((await noFile.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('file');

    const nul = await send(order.reference, form(await jpeg(), { sig, caption: 'broken\u0000screen' }));
    expect(nul.status).toBe(422);
    const nulProblem = (await nul.json()) as { errors: Array<{ path: string; message: string }> };
    expect(nulProblem.errors).toEqual([
      expect.objectContaining({ path: 'caption', message: expect.stringMatching(/NUL/) }),
    ]);
    expect(await photoRows(order.orderId)).toHaveLength(0);
  });

  it('takes photos only while the repair is booked or received', async () => {
    const order = await bookOrder(app);
    const sig = manageSignature(order.reference);
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'in_repair' })
      .where(eq(repairOrders.id, order.orderId));
    const res = await send(order.reference, form(await jpeg(), { sig }));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/until the shop starts work/);
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'received' })
      .where(eq(repairOrders.id, order.orderId));
    expect((await send(order.reference, form(await jpeg(), { sig }))).status).toBe(201);
  });

  it('stores a booking photo once when the same Idempotency-Key is sent again', async () => {
    const order = await bookOrder(app);
    const sig = manageSignature(order.reference);
    const bytes = await jpeg();
    const first = await send(order.reference, form(bytes, { sig }), { key: 'photo-key-booking-1' });
    expect(first.status).toBe(201);
    const again = await send(order.reference, form(bytes, { sig }), { key: 'photo-key-booking-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as BookingPhotoAnswer).photo.id).toBe(
      ((await first.json()) as BookingPhotoAnswer).photo.id,
    );
    expect(await photoRows(order.orderId)).toHaveLength(1);
  });

  describe('staff uploads with an Idempotency-Key', () => {
    let order: BookedOrder;
    beforeAll(async () => {
      order = await bookOrder(app);
      await app.handle.db
        .update(repairOrders)
        .set({ assignedTechnicianId: tech.id })
        .where(eq(repairOrders.id, order.orderId));
    });
    const upload = async (key: string | undefined, bytes: Buffer) =>
      app.request(`/api/staff/orders/${order.orderId}/photos`, {
        method: 'POST',
        headers: { cookie: tech.cookie, ...(key ? { 'idempotency-key': key } : {}) },
        body: form(bytes, { kind: 'before', caption: 'Back glass' }),
      });

    it('answers a replay with the photo stored the first time, and stores it once', async () => {
      const bytes = await jpeg(1024, 768, '#258');
      const first = await upload('staff-photo-key-0001', bytes);
      expect(first.status).toBe(201);
      const stored = (await first.json()) as Photo;
      const replay = await upload('staff-photo-key-0001', bytes);
      expect(replay.status).toBe(200);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      const replayed = (await replay.json()) as Photo;
      expect(replayed).toMatchObject({ id: stored.id, sizeBytes: stored.sizeBytes, caption: 'Back glass' });
      expect(await photoRows(order.orderId)).toHaveLength(1);
    });

    it('stores a photo once when two retries with the same key race', async () => {
      const bytes = await jpeg(700, 500, '#582');
      const [a, b] = await Promise.all([
        upload('staff-photo-key-race', bytes),
        upload('staff-photo-key-race', bytes),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 201]);
      const ids = new Set([((await a.json()) as Photo).id, ((await b.json()) as Photo).id]);
      expect(ids.size).toBe(1);
      const rows = await photoRows(order.orderId);
      expect(rows.filter((r) => r.idempotencyKey === 'staff-photo-key-race')).toHaveLength(1);
    });

    it('stores two photos without a key or with different keys, and refuses a malformed key', async () => {
      const before = (await photoRows(order.orderId)).length;
      const bytes = await jpeg(500, 400, '#855');
      expect((await upload(undefined, bytes)).status).toBe(201);
      expect((await upload('staff-photo-key-other', bytes)).status).toBe(201);
      expect(await photoRows(order.orderId)).toHaveLength(before + 2);
      const bad = await upload('bad key!', bytes);
      expect([400, 422]).toContain(bad.status);
    });
  });
});
