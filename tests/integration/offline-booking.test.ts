/**
 * What the offline outbox relies on: a booking kept on the device is sent again with the same
 * Idempotency-Key (the answer to the first try may have been lost, two tabs may flush at once),
 * and the server books it once. The client's decision (decideBookingAnswer) is checked against
 * the server's real answers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { bookings, slotReservations } from '@/server/db/schema';
import { decideBookingAnswer } from '@/features/booking/components/offline-booking';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';

describe.each(BACKENDS)('offline booking replays on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  const post = (body: unknown, key: string) =>
    app.request('/api/bookings', { method: 'POST', json: body, headers: { 'idempotency-key': key } });

  /** The request the booking form keeps in the outbox: a drop-off slot and the price shown. */
  async function outboxBody(email: string, shop: string, slot: string) {
    const q = await app.request('/api/pricing/quote', {
      method: 'POST',
      json: { modelSlug: 'iphone-15', repairSlugs: ['screen-crack'], urgency: 'standard', shopSlug: shop },
    });
    expect(q.status).toBe(200);
    const quote = (await q.json()) as { totalMinor: number; expiresAt: string };
    return bookingBody({
      service: { type: 'drop_off', shopSlug: shop, slotStartsAt: slot },
      customer: { name: 'Offline Person', email },
      quote: { totalMinor: quote.totalMinor, expiresAt: quote.expiresAt },
    });
  }

  const bookingsOf = (email: string) =>
    app.handle.db.select().from(bookings).where(eq(bookings.customerEmail, email));
  const bookedIn = async (shop: string, slot: string) =>
    (
      await app.handle.db
        .select()
        .from(slotReservations)
        .where(and(eq(slotReservations.shopSlug, shop), eq(slotReservations.startsAt, new Date(slot))))
    )[0]?.booked ?? 0;

  it('books once when the same key is sent again, one after another and in a burst', async () => {
    const slot = await freeSlot(app, 'london', 3);
    const before = await bookedIn('london', slot);
    const key = randomUUID();
    const body = await outboxBody('offline-replay@example.com', 'london', slot);

    // the first try reached the server; its answer was lost with the connection
    const first = await post(body, key);
    expect(first.status).toBe(201);
    expect(decideBookingAnswer(first.status)).toBe('sent');
    const { reference } = (await first.json()) as { reference: string };

    // the outbox sends it again when back online: the same booking, not a new one
    for (let i = 0; i < 2; i++) {
      const again = await post(body, key);
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(decideBookingAnswer(again.status)).toBe('sent');
      expect(((await again.json()) as { reference: string }).reference).toBe(reference);
    }
    // and several tabs or reconnects at once
    const burst = await Promise.all(Array.from({ length: 8 }, () => post(body, key)));
    for (const r of burst) {
      expect(r.status).toBe(200);
      expect(((await r.json()) as { reference: string }).reference).toBe(reference);
    }

    expect(await bookingsOf('offline-replay@example.com')).toHaveLength(1);
    expect(await bookedIn('london', slot)).toBe(before + 1);
  });

  it('books once when the first sends of a key arrive together', async () => {
    const slot = await freeSlot(app, 'london', 3, 1);
    const before = await bookedIn('london', slot);
    const key = randomUUID();
    const body = await outboxBody('offline-burst@example.com', 'london', slot);
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(body, key)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(9);
    const refs = new Set(
      await Promise.all(answers.map(async (r) => ((await r.json()) as { reference: string }).reference)),
    );
    expect(refs.size).toBe(1);
    expect(await bookingsOf('offline-burst@example.com')).toHaveLength(1);
    expect(await bookedIn('london', slot)).toBe(before + 1);
  });

  it('a slot filled meanwhile is a conflict the customer resolves with another slot', async () => {
    // Manchester slots hold 2 bookings: both taken while this one waited on the device
    const slot = await freeSlot(app, 'manchester', 2);
    const kept = await outboxBody('offline-conflict@example.com', 'manchester', slot);
    for (const who of ['a', 'b']) {
      const other = await post(
        bookingBody({
          service: { type: 'drop_off', shopSlug: 'manchester', slotStartsAt: slot },
          customer: { name: 'Someone Else', email: `other-${who}@example.com` },
        }),
        randomUUID(),
      );
      expect(other.status).toBe(201);
    }

    const refused = await post(kept, randomUUID());
    const problem = (await refused.json()) as { code: string };
    expect(refused.status).toBe(409);
    expect(problem.code).toBe('SLOT_FULL');
    expect(decideBookingAnswer(refused.status, problem.code)).toBe('slot-taken');
    expect(await bookingsOf('offline-conflict@example.com')).toHaveLength(0);

    // the form reopens at the slot step with everything else kept: another slot, a new key
    const other = await freeSlot(app, 'manchester', 1);
    const retry = await post(
      { ...kept, service: { type: 'drop_off', shopSlug: 'manchester', slotStartsAt: other } },
      randomUUID(),
    );
    expect(retry.status).toBe(201);
    expect(await bookingsOf('offline-conflict@example.com')).toHaveLength(1);
  });
});
