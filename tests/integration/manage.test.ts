import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  bookings,
  emailMessages,
  repairOrderEvents,
  repairOrders,
  slotReservations,
} from '@/server/db/schema';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';

interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
}
interface Confirmation {
  reference: string;
  trackingToken: string;
  calendarUrl: string;
  manageUrl: string;
}
interface Manage {
  reference: string;
  status: string;
  orderStatus: string;
  canCancel: boolean;
  canReschedule: boolean;
  service: { slotStartsAt: string | null };
  calendarSequence: number;
  calendarUrl: string | null;
}

describe.each(BACKENDS)('manage link on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  let n = 0;
  async function book(shop: string | null, slot?: string) {
    n++;
    const service = shop ? { type: 'drop_off', shopSlug: shop, slotStartsAt: slot } : { type: 'mail_in' };
    const res = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({ service, customer: { name: `Manager ${n}`, email: `manage${n}@example.com` } }),
    });
    expect(res.status).toBe(201);
    const b = (await res.json()) as Confirmation;
    const url = new URL(b.manageUrl);
    return { ...b, sig: url.searchParams.get('sig')!, managePath: url.pathname };
  }
  const manage = (ref: string, sig?: string) =>
    app.request(`/api/bookings/${ref}/manage${sig === undefined ? '' : `?sig=${encodeURIComponent(sig)}`}`);
  const reschedule = (ref: string, body: unknown) =>
    app.request(`/api/bookings/${ref}/reschedule`, { method: 'POST', json: body });
  const cancel = (ref: string, body: unknown) =>
    app.request(`/api/bookings/${ref}/cancel`, { method: 'POST', json: body });
  const reservation = async (shop: string, slot: string) => {
    const [row] = await app.handle.db
      .select()
      .from(slotReservations)
      .where(and(eq(slotReservations.shopSlug, shop), eq(slotReservations.startsAt, new Date(slot))));
    return row?.booked ?? 0;
  };
  const available = async (shop: string, slot: string) => {
    const body = (await (await app.request(`/api/shops/${shop}/slots`)).json()) as {
      items: Array<{ startsAt: string; available: number }>;
    };
    return body.items.find((s) => s.startsAt === slot)?.available;
  };
  const bookingRow = async (ref: string) =>
    (await app.handle.db.select().from(bookings).where(eq(bookings.reference, ref)))[0]!;

  it('puts a signed manage link in the confirmation and shows the booking behind it', async () => {
    const slot = await freeSlot(app, 'london', 1, 0);
    const b = await book('london', slot);
    expect(b.managePath).toBe(`/manage/${b.reference}`);
    expect(b.sig.length).toBeGreaterThanOrEqual(40);
    const res = await manage(b.reference, b.sig);
    expect(res.status).toBe(200);
    const m = (await res.json()) as Manage;
    expect(m).toMatchObject({
      reference: b.reference,
      status: 'confirmed',
      orderStatus: 'booked',
      canCancel: true,
      canReschedule: true,
      calendarSequence: 0,
    });
    expect(m.service.slotStartsAt).toBe(slot);
    // lower case works too (the link is signed over the normalised reference)
    expect((await manage(b.reference.toLowerCase(), b.sig)).status).toBe(200);
  });

  it('answers a wrong or missing signature exactly like an unknown reference, leaking nothing', async () => {
    const b = await book(null);
    const strip = (p: Problem & { requestId?: string }) => ({ ...p, requestId: undefined });
    const unknown = strip((await (await manage('RT-ZZZZZZ', b.sig)).json()) as Problem);
    for (const res of [
      await manage(b.reference, 'x'.repeat(b.sig.length)),
      await manage(b.reference),
      await manage(b.reference, ''),
      await manage(b.reference, b.trackingToken),
    ]) {
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(text).not.toContain(b.reference);
      expect(text).not.toContain('Manager');
      expect(strip(JSON.parse(text) as Problem)).toEqual(unknown);
    }
    for (const res of [
      await cancel(b.reference, { sig: 'wrong' }),
      await cancel(b.reference, {}),
      await reschedule(b.reference, { sig: 'wrong', slotStartsAt: new Date().toISOString() }),
      await app.request(`/api/bookings/${b.reference}/manage/calendar.ics?sig=wrong`),
    ]) {
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain(b.reference);
    }
    expect((await bookingRow(b.reference)).status).toBe('confirmed');
  });

  it('never changes anything on GET', async () => {
    const slot = await freeSlot(app, 'london', 1, 1);
    const b = await book('london', slot);
    const before = { row: await bookingRow(b.reference), held: await reservation('london', slot) };
    for (let i = 0; i < 3; i++) {
      expect((await manage(b.reference, b.sig)).status).toBe(200);
      const cal = await app.request(`/api/bookings/${b.reference}/manage/calendar.ics?sig=${b.sig}`);
      expect(cal.status).toBe(200);
    }
    expect(await bookingRow(b.reference)).toEqual(before.row);
    expect(await reservation('london', slot)).toBe(before.held);
  });

  it('reschedules: moves the slot, frees the old place, and keeps the calendar UID with a higher SEQUENCE', async () => {
    const from = await freeSlot(app, 'london', 3, 2);
    const to = await freeSlot(app, 'london', 3, 3);
    const b = await book('london', from);
    const [oldBefore, newBefore] = [await available('london', from), await available('london', to)];
    const res = await reschedule(b.reference, { sig: b.sig, slotStartsAt: to });
    expect(res.status).toBe(200);
    const m = (await res.json()) as Manage;
    expect(m.service.slotStartsAt).toBe(to);
    expect(m.calendarSequence).toBe(1);

    expect(await reservation('london', from)).toBe(0);
    expect(await reservation('london', to)).toBe(1);
    expect(await available('london', from)).toBe(oldBefore! + 1);
    expect(await available('london', to)).toBe(newBefore! - 1);
    const row = await bookingRow(b.reference);
    expect(row.slotStartsAt?.toISOString()).toBe(to);
    expect(row.slotEndsAt!.getTime() - row.slotStartsAt!.getTime()).toBe(30 * 60_000);

    const dtstart = `DTSTART:${to.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`;
    for (const url of [b.calendarUrl, m.calendarUrl!]) {
      const ics = await (await app.request(url)).text();
      expect(ics).toContain(`UID:${b.reference}@revivatech`);
      expect(ics).toContain('SEQUENCE:1');
      expect(ics).toContain(dtstart);
      expect(ics).toContain('STATUS:CONFIRMED');
    }

    const track = (await (
      await app.request(`/api/track/${b.reference}?token=${encodeURIComponent(b.trackingToken)}`)
    ).json()) as { status: string; timeline: Array<{ type: string; message: string }> };
    expect(track.status).toBe('booked');
    expect(track.timeline.at(-1)?.type).toBe('rescheduled');

    // and once more: the sequence keeps rising
    const back = await reschedule(b.reference, { sig: b.sig, slotStartsAt: from });
    expect(((await back.json()) as Manage).calendarSequence).toBe(2);
    expect(await reservation('london', to)).toBe(0);
  });

  it('e-mails the moved drop-off with the updated calendar entry, once per move, committed with the move', async () => {
    const from = await freeSlot(app, 'london', 1, 20);
    const to = await freeSlot(app, 'london', 1, 21);
    const b = await book('london', from);
    const { id } = await bookingRow(b.reference);
    const moved = () =>
      app.handle.db
        .select()
        .from(emailMessages)
        .where(and(eq(emailMessages.template, 'booking-rescheduled'), eq(emailMessages.bookingId, id)));
    expect(await moved()).toHaveLength(0);
    expect((await reschedule(b.reference, { sig: b.sig, slotStartsAt: to })).status).toBe(200);
    const [mail] = await moved();
    expect(mail?.subject).toBe(`Drop-off moved: ${b.reference}`);
    expect(mail?.text).toContain(b.reference);
    const ics = Buffer.from(mail!.attachments[0]!.content, 'base64').toString('utf8');
    expect(ics).toContain(`UID:${b.reference}@revivatech`);
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain(`DTSTART:${to.replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`);
    // a refused move (the same slot again) sends nothing more
    expect((await reschedule(b.reference, { sig: b.sig, slotStartsAt: to })).status).toBe(422);
    expect(await moved()).toHaveLength(1);
  });

  it('refuses bad reschedules with clear field errors', async () => {
    const slot = await freeSlot(app, 'london', 1, 4);
    const b = await book('london', slot);
    const held = await reservation('london', slot);
    const expectProblem = async (body: unknown, status: number, code: string, path = 'slotStartsAt') => {
      const res = await reschedule(b.reference, body);
      expect(res.status).toBe(status);
      const p = (await res.json()) as Problem;
      expect(p.code).toBe(code);
      expect(p.errors?.map((e) => e.path)).toContain(path);
    };
    await expectProblem({ sig: b.sig }, 422, 'VALIDATION_FAILED');
    await expectProblem({ sig: b.sig, slotStartsAt: 'tomorrow at 10' }, 422, 'VALIDATION_FAILED');
    await expectProblem({ sig: 42, slotStartsAt: slot }, 422, 'VALIDATION_FAILED', 'sig');
    await expectProblem({ sig: b.sig, slotStartsAt: slot }, 422, 'SLOT_UNAVAILABLE'); // same slot
    await expectProblem(
      { sig: b.sig, slotStartsAt: new Date(Date.now() - 86_400_000).toISOString() },
      422,
      'SLOT_UNAVAILABLE',
    );
    const misaligned = new Date(new Date(slot).getTime() + 7 * 60_000).toISOString();
    await expectProblem({ sig: b.sig, slotStartsAt: misaligned }, 422, 'SLOT_UNAVAILABLE');
    const beyond = new Date(new Date(slot).getTime() + 60 * 86_400_000).toISOString();
    await expectProblem({ sig: b.sig, slotStartsAt: beyond }, 422, 'SLOT_UNAVAILABLE');
    const malformed = await app.request(`/api/bookings/${b.reference}/reschedule`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"sig":',
    });
    expect(malformed.status).toBe(400);
    // nothing moved
    expect((await bookingRow(b.reference)).slotStartsAt?.toISOString()).toBe(slot);
    expect((await bookingRow(b.reference)).icsSequence).toBe(0);
    expect(await reservation('london', slot)).toBe(held);
  });

  it('cannot reschedule a mail-in booking', async () => {
    const b = await book(null);
    const slot = await freeSlot(app, 'london', 1, 5);
    const res = await reschedule(b.reference, { sig: b.sig, slotStartsAt: slot });
    expect(res.status).toBe(422);
    const p = (await res.json()) as Problem;
    expect(p.errors?.[0]?.path).toBe('slotStartsAt');
    expect(p.detail).toMatch(/mail-in/i);
  });

  it('refuses to move into a full slot with 409 SLOT_FULL', async () => {
    const full = await freeSlot(app, 'manchester', 2, 0);
    const from = await freeSlot(app, 'manchester', 2, 1);
    await book('manchester', full);
    await book('manchester', full);
    const b = await book('manchester', from);
    const res = await reschedule(b.reference, { sig: b.sig, slotStartsAt: full });
    expect(res.status).toBe(409);
    const p = (await res.json()) as Problem;
    expect(p.code).toBe('SLOT_FULL');
    expect(p.errors?.[0]?.path).toBe('slotStartsAt');
    expect(await reservation('manchester', full)).toBe(2);
    expect(await reservation('manchester', from)).toBe(1);
  });

  it('lets exactly one of many parallel reschedules take the last place of a slot', async () => {
    const target = await freeSlot(app, 'manchester', 2, 2);
    await book('manchester', target); // one place left
    const movers = [];
    for (let i = 0; i < 6; i++)
      movers.push(await book('manchester', await freeSlot(app, 'manchester', 2, 3 + i)));
    const responses = await Promise.all(
      movers.map((b) => reschedule(b.reference, { sig: b.sig, slotStartsAt: target })),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await reservation('manchester', target)).toBe(2);
    const inTarget = await app.handle.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.shopSlug, 'manchester'), eq(bookings.slotStartsAt, new Date(target))));
    expect(inTarget).toHaveLength(2);
    expect(await available('manchester', target)).toBe(0);
    // the losers kept their own slots and places
    for (const [i, b] of movers.entries()) {
      const row = await bookingRow(b.reference);
      if (responses[i]!.status === 409) {
        expect(row.icsSequence).toBe(0);
        expect(await reservation('manchester', row.slotStartsAt!.toISOString())).toBe(1);
      } else {
        expect(row.slotStartsAt?.toISOString()).toBe(target);
      }
    }
  });

  it("moves two bookings into each other's slots at once without deadlock or overbooking", async () => {
    const s1 = await freeSlot(app, 'manchester', 2, 10);
    const s2 = await freeSlot(app, 'manchester', 2, 11);
    const a = await book('manchester', s1);
    const b = await book('manchester', s2);
    const [ra, rb] = await Promise.all([
      reschedule(a.reference, { sig: a.sig, slotStartsAt: s2 }),
      reschedule(b.reference, { sig: b.sig, slotStartsAt: s1 }),
    ]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    expect(await reservation('manchester', s1)).toBe(1);
    expect(await reservation('manchester', s2)).toBe(1);
  });

  it('cancels: frees the slot, cancels the order with a timeline event, and a second cancel is 409', async () => {
    const slot = await freeSlot(app, 'london', 3, 6);
    const b = await book('london', slot);
    expect(await reservation('london', slot)).toBe(1);
    const res = await cancel(b.reference, { sig: b.sig });
    expect(res.status).toBe(200);
    const m = (await res.json()) as Manage;
    expect(m).toMatchObject({ status: 'cancelled', orderStatus: 'cancelled', canCancel: false });
    expect(m.calendarSequence).toBe(1);
    expect(await reservation('london', slot)).toBe(0);
    expect(await available('london', slot)).toBe(3);

    const [order] = await app.handle.db
      .select()
      .from(repairOrders)
      .where(eq(repairOrders.reference, b.reference));
    expect(order?.status).toBe('cancelled');
    const events = await app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.orderId, order!.id));
    expect(events.at(-1)).toMatchObject({ fromStatus: 'booked', toStatus: 'cancelled', actor: 'customer' });

    for (const url of [b.calendarUrl, m.calendarUrl!]) {
      const ics = await (await app.request(url)).text();
      expect(ics).toContain('METHOD:CANCEL');
      expect(ics).toContain('STATUS:CANCELLED');
      expect(ics).toContain('SEQUENCE:1');
      expect(ics).toContain(`UID:${b.reference}@revivatech`);
    }

    const again = await cancel(b.reference, { sig: b.sig });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Problem).detail).toMatch(/already been cancelled/);
    const move = await reschedule(b.reference, {
      sig: b.sig,
      slotStartsAt: await freeSlot(app, 'london', 1, 7),
    });
    expect(move.status).toBe(409);
    expect(await reservation('london', slot)).toBe(0);
    expect((await bookingRow(b.reference)).icsSequence).toBe(1);
  });

  it('cancels once under parallel double-clicks, and not after the shop has the device', async () => {
    const slot = await freeSlot(app, 'london', 3, 8);
    const b = await book('london', slot);
    const statuses = (await Promise.all([1, 2, 3].map(() => cancel(b.reference, { sig: b.sig })))).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([200, 409, 409]);
    expect(await reservation('london', slot)).toBe(0);

    const received = await book(null);
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'received' })
      .where(eq(repairOrders.reference, received.reference));
    const res = await cancel(received.reference, { sig: received.sig });
    expect(res.status).toBe(409);
    expect(((await res.json()) as Problem).detail).toMatch(/contact the shop/);
    const m = (await (await manage(received.reference, received.sig)).json()) as Manage;
    expect(m).toMatchObject({ status: 'confirmed', orderStatus: 'received', canCancel: false });
  });
});
