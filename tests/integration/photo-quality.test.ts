/**
 * Photo quality on upload: the staff/intake upload and the customer's booking damage photos
 * answer `quality` (too dark, too bright, blurry, too small) beside the stored photo. A poor
 * photo is still stored (a dead black screen is dark on purpose); a retry with the same
 * Idempotency-Key answers the same verdict.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repairOrderPhotos, repairOrders } from '@/server/db/schema';
import { manageSignature } from '@/features/booking/server/manage-link';
import type { PhotoUpload } from '@/features/photos/schemas';
import type { PhotoQuality } from '@/features/photos/server';
import { takePhoto } from '../photo-scenes';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type TestUser } from './fixtures';

function form(bytes: Buffer, fields: Record<string, string> = {}) {
  const fd = new FormData();
  fd.set('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
  for (const [k, v] of Object.entries(fields)) fd.set(k, v);
  return fd;
}

const codes = (q: PhotoQuality | null) => q?.problems.map((p) => p.code);

describe.each(BACKENDS)('photo quality on upload on $name', (backend) => {
  let app: TestApp;
  let tech: TestUser;
  let good: Buffer;
  let dark: Buffer;
  let blurred: Buffer;

  beforeAll(async () => {
    app = await startApp(backend);
    tech = await createUser(app, 'technician');
    [good, dark, blurred] = await Promise.all([
      takePhoto('cracked-phone'),
      takePhoto('cracked-phone', { exposure: 0.1 }),
      takePhoto('cracked-phone', { blur: 7 }),
    ]);
  });
  afterAll(() => app.close());

  it('answers the quality of a staff intake photo, and stores a poor one all the same', async () => {
    const order = await bookOrder(app, { shop: 'london' });
    await app.handle.db
      .update(repairOrders)
      .set({ assignedTechnicianId: tech.id })
      .where(eq(repairOrders.id, order.orderId));
    const upload = (bytes: Buffer, key?: string) =>
      app.request(`/api/staff/orders/${order.orderId}/photos`, {
        method: 'POST',
        headers: { cookie: tech.cookie, ...(key ? { 'idempotency-key': key } : {}) },
        body: form(bytes, { kind: 'intake' }),
      });

    const ok = await upload(good);
    expect(ok.status, await ok.clone().text()).toBe(201);
    const okBody = (await ok.json()) as PhotoUpload;
    expect(okBody.quality).toMatchObject({ ok: true, problems: [], metrics: { width: 1600, height: 1200 } });

    const darkRes = await upload(dark, 'dark-photo-1');
    expect(darkRes.status).toBe(201);
    const darkBody = (await darkRes.json()) as PhotoUpload;
    expect(darkBody.quality?.ok).toBe(false);
    expect(codes(darkBody.quality)).toEqual(['too-dark']);
    expect(darkBody.quality?.problems[0]?.message).toMatch(/^Retake: too dark/);

    const blurRes = await upload(blurred);
    expect(blurRes.status).toBe(201);
    expect(codes(((await blurRes.json()) as PhotoUpload).quality)).toEqual(['blurry']);

    // a retry after a lost answer: the same photo and the same verdict, nothing stored twice
    const replay = await upload(dark, 'dark-photo-1');
    expect(replay.status).toBe(200);
    const replayBody = (await replay.json()) as PhotoUpload;
    expect(replayBody.id).toBe(darkBody.id);
    expect(codes(replayBody.quality)).toEqual(['too-dark']);

    const rows = await app.handle.db
      .select()
      .from(repairOrderPhotos)
      .where(eq(repairOrderPhotos.orderId, order.orderId));
    expect(rows).toHaveLength(3);
    // the check is advice at upload time, not part of the photo: the list has no verdict
    const list = await app.request(`/api/staff/orders/${order.orderId}/photos`, {
      headers: { cookie: tech.cookie },
    });
    const items = ((await list.json()) as { items: object[] }).items;
    expect(items).toHaveLength(3);
    for (const item of items) expect(item).not.toHaveProperty('quality');
  });

  it("answers the quality of a customer's booking damage photo", async () => {
    const order = await bookOrder(app);
    const sig = manageSignature(order.reference);
    const send = (bytes: Buffer, key?: string) =>
      app.request(`/api/bookings/${order.reference}/photos`, {
        method: 'POST',
        headers: key ? { 'idempotency-key': key } : {},
        body: form(bytes, { sig }),
      });

    const ok = await send(good);
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(((await ok.json()) as { quality: PhotoQuality }).quality).toMatchObject({
      ok: true,
      problems: [],
    });

    const darkRes = await send(dark, 'booking-dark-1');
    expect(darkRes.status).toBe(201);
    const darkBody = (await darkRes.json()) as { remaining: number; quality: PhotoQuality };
    expect(codes(darkBody.quality)).toEqual(['too-dark']);
    expect(darkBody.remaining).toBe(3);

    const replay = await send(dark, 'booking-dark-1');
    expect(replay.status).toBe(200);
    expect(codes(((await replay.json()) as { quality: PhotoQuality }).quality)).toEqual(['too-dark']);

    const small = await send(await takePhoto('shelf', { width: 400, height: 300 }));
    expect(small.status).toBe(201);
    expect(codes(((await small.json()) as { quality: PhotoQuality }).quality)).toEqual(['too-small']);
  });
});
