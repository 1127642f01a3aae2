import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, and } from 'drizzle-orm';
import { bookings, idempotencyKeys, repairOrders, slotReservations } from '@/server/db/schema';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

describe.each(BACKENDS)('booking API on $name', (backend) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startApp(backend);
  });
  afterAll(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.request('/api/bookings', { method: 'POST', json: body, headers });

  it('books a drop-off slot and creates the repair order', async () => {
    const slot = await freeSlot(app, 'london');
    const res = await post(
      bookingBody({ service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: slot } }),
      { 'idempotency-key': 'create-dropoff-1' },
    );
    expect(res.status).toBe(201);
    const b = (await res.json()) as {
      reference: string;
      trackingToken: string;
      trackingUrl: string;
      status: string;
      quote: { totalMinor: number };
      service: { slotStartsAt: string; shop: { slug: string } };
      calendarUrl: string;
    };
    expect(b.reference).toMatch(/^RT-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    expect(b.trackingToken.length).toBeGreaterThanOrEqual(40);
    expect(b.trackingUrl).toContain(`/track/${b.reference}?token=`);
    expect(b.status).toBe('booked');
    expect(b.service.slotStartsAt).toBe(slot);
    expect(b.quote.totalMinor).toBeGreaterThan(0);

    const [row] = await app.handle.db.select().from(bookings).where(eq(bookings.reference, b.reference));
    expect(row?.trackingTokenHash).not.toContain(b.trackingToken); // only a hash is stored
    expect(row?.customerEmail).toBe('john@example.com');
    const [order] = await app.handle.db
      .select()
      .from(repairOrders)
      .where(eq(repairOrders.reference, b.reference));
    expect(order?.status).toBe('booked');
    const [res2] = await app.handle.db
      .select()
      .from(slotReservations)
      .where(and(eq(slotReservations.shopSlug, 'london'), eq(slotReservations.startsAt, new Date(slot))));
    expect(res2?.booked).toBe(1);
  });

  it('never books at a price the client sends: totals come from the catalogue', async () => {
    const res = await post({ ...bookingBody(), totalMinor: 1 });
    expect(res.status).toBe(201);
    const b = (await res.json()) as { quote: { totalMinor: number } };
    expect(b.quote.totalMinor).toBeGreaterThan(100);
    // the price the customer says they were shown is only compared: a different one is refused
    // with the fresh price, never taken
    const shown = { totalMinor: 1, expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
    const changed = await post({ ...bookingBody(), quote: shown });
    expect(changed.status).toBe(409);
    const problem = (await changed.json()) as { code: string; quote: { totalMinor: number } };
    expect(problem.code).toBe('QUOTE_CHANGED');
    expect(problem.quote.totalMinor).toBe(b.quote.totalMinor);
  });

  it('replays an idempotent retry with the same booking', async () => {
    const body = bookingBody({ customer: { name: 'Retry Person', email: 'retry@example.com' } });
    const first = await post(body, { 'idempotency-key': 'retry-key-0001' });
    const second = await post(body, { 'idempotency-key': 'retry-key-0001' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const a = (await first.json()) as { reference: string; trackingToken: string };
    const b = (await second.json()) as { reference: string; trackingToken: string };
    expect(b.reference).toBe(a.reference);
    expect(b.trackingToken).toBe(a.trackingToken);
    const rows = await app.handle.db
      .select()
      .from(bookings)
      .where(eq(bookings.customerEmail, 'retry@example.com'));
    expect(rows).toHaveLength(1);
  });

  it('replays a retry even after its slot has filled up', async () => {
    const slot = await freeSlot(app, 'manchester', 2, 3);
    const body = (i: number) =>
      bookingBody({
        customer: { name: `Filler ${i}`, email: `filler${i}@example.com` },
        service: { type: 'drop_off', shopSlug: 'manchester', slotStartsAt: slot },
      });
    const first = await post(body(1), { 'idempotency-key': 'fill-key-0001' });
    expect(first.status).toBe(201);
    expect((await post(body(2), { 'idempotency-key': 'fill-key-0002' })).status).toBe(201);
    expect((await post(body(3), { 'idempotency-key': 'fill-key-0003' })).status).toBe(409);
    const retry = await post(body(1), { 'idempotency-key': 'fill-key-0001' });
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as { reference: string }).reference).toBe(
      ((await first.json()) as { reference: string }).reference,
    );
  });

  it('refuses to reuse a key for a different request', async () => {
    await post(bookingBody(), { 'idempotency-key': 'reuse-key-0001' });
    const res = await post(bookingBody({ repairSlugs: ['battery'] }), {
      'idempotency-key': 'reuse-key-0001',
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('creates one booking when the same key arrives many times at once', async () => {
    const body = bookingBody({ customer: { name: 'Parallel Person', email: 'parallel@example.com' } });
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => post(body, { 'idempotency-key': 'parallel-key-0001' })),
    );
    const refs = new Set<string>();
    for (const r of responses) {
      expect([200, 201]).toContain(r.status);
      refs.add(((await r.json()) as { reference: string }).reference);
    }
    expect(refs.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    const rows = await app.handle.db
      .select()
      .from(bookings)
      .where(eq(bookings.customerEmail, 'parallel@example.com'));
    expect(rows).toHaveLength(1);
    const keys = await app.handle.db
      .select()
      .from(idempotencyKeys)
      .where(eq(idempotencyKeys.key, 'parallel-key-0001'));
    expect(keys).toHaveLength(1);
  });

  it('never overbooks a slot under many parallel requests', async () => {
    // Manchester slots hold 2 bookings
    const slot = await freeSlot(app, 'manchester', 2);
    const attempts = 40;
    const responses = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        post(
          bookingBody({
            customer: { name: `Racer ${i}`, email: `racer${i}@example.com` },
            service: { type: 'drop_off', shopSlug: 'manchester', slotStartsAt: slot },
          }),
          { 'idempotency-key': `race-${i}-abcdefgh` },
        ),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(attempts - 2);
    const problem = (await responses.find((r) => r.status === 409)!.json()) as Problem;
    expect(problem.code).toBe('SLOT_FULL');
    expect(problem.errors?.[0]?.path).toBe('service.slotStartsAt');

    const booked = await app.handle.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.shopSlug, 'manchester'), eq(bookings.slotStartsAt, new Date(slot))));
    expect(booked).toHaveLength(2);
    const [reservation] = await app.handle.db
      .select()
      .from(slotReservations)
      .where(and(eq(slotReservations.shopSlug, 'manchester'), eq(slotReservations.startsAt, new Date(slot))));
    expect(reservation?.booked).toBe(2);

    const slots = (await (await app.request('/api/shops/manchester/slots')).json()) as {
      items: Array<{ startsAt: string; available: number }>;
    };
    expect(slots.items.find((s) => s.startsAt === slot)?.available ?? 0).toBe(0);
  });

  describe('validation', () => {
    const cases: Array<[string, () => Promise<Response>, number, string | null]> = [
      [
        'malformed JSON',
        () =>
          app.request('/api/bookings', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"a":',
          }),
        400,
        null,
      ],
      ['missing customer', () => post({ ...bookingBody(), customer: undefined }), 422, 'customer'],
      ['missing repairs', () => post({ ...bookingBody(), repairSlugs: [] }), 422, 'repairSlugs'],
      [
        'bad e-mail',
        () => post(bookingBody({ customer: { name: 'Jo Bloggs', email: 'not-an-email' } })),
        422,
        'customer.email',
      ],
      ['unknown model', () => post(bookingBody({ modelSlug: 'nokia-3310-x' })), 422, 'modelSlug'],
      ['repair not offered', () => post(bookingBody({ repairSlugs: ['hdmi-port'] })), 422, 'repairSlugs.0'],
      [
        'past slot',
        () =>
          post(
            bookingBody({
              service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: '2020-01-06T10:00:00Z' },
            }),
          ),
        422,
        'service.slotStartsAt',
      ],
      [
        'misaligned slot',
        () =>
          post(
            bookingBody({
              service: {
                type: 'drop_off',
                shopSlug: 'london',
                slotStartsAt: new Date(Date.now() + 5 * 86400_000 + 7 * 60_000).toISOString(),
              },
            }),
          ),
        422,
        'service.slotStartsAt',
      ],
      [
        'unknown shop',
        () =>
          post(
            bookingBody({
              service: { type: 'drop_off', shopSlug: 'atlantis', slotStartsAt: '2030-01-07T10:00:00Z' },
            }),
          ),
        422,
        'service.shopSlug',
      ],
      [
        'oversized name',
        () => post(bookingBody({ customer: { name: 'x'.repeat(500), email: 'a@b.co' } })),
        422,
        'customer.name',
      ],
      ['unknown payment method', () => post(bookingBody({ paymentMethod: 'bitcoin' })), 422, 'paymentMethod'],
      [
        'bad idempotency key',
        () => post(bookingBody(), { 'idempotency-key': 'bad key with spaces' }),
        422,
        'idempotency-key',
      ],
    ];

    it.each(cases)('%s -> %i with field messages', async (_name, send, status, path) => {
      const before = (await app.handle.db.select({ id: bookings.id }).from(bookings)).length;
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = (await res.json()) as Problem;
      expect(body.status).toBe(status);
      if (path) expect(body.errors?.map((e) => e.path)).toContain(path);
      expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/); // no stack traces
      const after = (await app.handle.db.select({ id: bookings.id }).from(bookings)).length;
      expect(after).toBe(before); // nothing half-saved
    });

    it('rejects bodies over 64 KB with 413', async () => {
      const res = await post(bookingBody({ faultDescription: 'x'.repeat(70_000) }));
      expect(res.status).toBe(413);
    });
  });
});
