/**
 * Quote expiry is enforced: a booking against an expired (or no longer current) price, and the
 * approval of an expired revised quote, are refused with 409 problem+json carrying the fresh
 * price; accepting the fresh price then goes through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { bookings, repairOrders, repairQuotes } from '@/server/db/schema';
import type { QuoteDto } from '@/features/pricing/schemas';
import type { CustomerQuotes, OrderLines } from '@/features/quotes/schemas';
import { BACKENDS, bookingBody, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

const DAY = 86_400_000;

describe.each(BACKENDS)('quote expiry on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let tech: TestUser;
  let n = 0;

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer');
    tech = await createUser(app, 'technician', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  async function priceNow(): Promise<QuoteDto> {
    const res = await app.request('/api/pricing/quote', {
      method: 'POST',
      json: { modelSlug: 'iphone-15', repairSlugs: ['screen-crack'], urgency: 'standard' },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as QuoteDto;
  }

  function book(email: string, quote: unknown) {
    return app.request('/api/bookings', {
      method: 'POST',
      headers: { 'idempotency-key': `expiry-${backend.name}-${++n}` },
      json: bookingBody({ customer: { name: 'Erin Expiry', email }, quote }),
    });
  }

  const bookingsOf = (email: string) =>
    app.handle.db.select().from(bookings).where(eq(bookings.customerEmail, email));

  describe('booking', () => {
    it('books at the price the customer saw while it is valid', async () => {
      const q = await priceNow();
      const email = `valid-${backend.name}@example.com`;
      const res = await book(email, { totalMinor: q.totalMinor, expiresAt: q.expiresAt });
      expect(res.status).toBe(201);
      expect(((await res.json()) as { quote: QuoteDto }).quote.totalMinor).toBe(q.totalMinor);
    });

    it('refuses an expired quote with 409 QUOTE_EXPIRED and the fresh price; the fresh one books', async () => {
      const q = await priceNow();
      const email = `expired-${backend.name}@example.com`;
      const expiredAt = new Date(Date.now() - DAY).toISOString();
      const res = await book(email, { totalMinor: q.totalMinor, expiresAt: expiredAt });
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as { code: string; detail: string; quote: QuoteDto };
      expect(problem.code).toBe('QUOTE_EXPIRED');
      expect(problem.detail).toContain('expired');
      expect(problem.quote.totalMinor).toBe(q.totalMinor);
      expect(Date.parse(problem.quote.expiresAt)).toBeGreaterThan(Date.now());
      expect(await bookingsOf(email)).toHaveLength(0);

      // the customer accepts the fresh price
      const again = await book(email, {
        totalMinor: problem.quote.totalMinor,
        expiresAt: problem.quote.expiresAt,
      });
      expect(again.status).toBe(201);
      expect(await bookingsOf(email)).toHaveLength(1);
    });

    it('refuses a price that is no longer the price with 409 QUOTE_CHANGED and the fresh price', async () => {
      const q = await priceNow();
      const email = `changed-${backend.name}@example.com`;
      const res = await book(email, { totalMinor: q.totalMinor - 500, expiresAt: q.expiresAt });
      expect(res.status).toBe(409);
      const problem = (await res.json()) as { code: string; detail: string; quote: QuoteDto };
      expect(problem.code).toBe('QUOTE_CHANGED');
      expect(problem.quote.totalMinor).toBe(q.totalMinor);
      expect(await bookingsOf(email)).toHaveLength(0);
    });

    it('answers 422 with a field message for a malformed accepted price', async () => {
      const res = await book(`bad-${backend.name}@example.com`, { totalMinor: 'lots', expiresAt: 'soon' });
      expect(res.status).toBe(422);
      const problem = (await res.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path).sort()).toEqual(['quote.expiresAt', 'quote.totalMinor']);
    });
  });

  describe('revised-quote approval', () => {
    /** A pending revised quote on an order of `customer`, sent `ageDays` ago. */
    async function pendingQuote(ageDays: number): Promise<{ order: BookedOrder; quoteId: string }> {
      const order = await bookOrder(app, { cookie: customer.cookie });
      await app.handle.db
        .update(repairOrders)
        .set({ status: 'diagnosing', assignedTechnicianId: tech.id })
        .where(eq(repairOrders.id, order.orderId));
      const line = await app.request(`/api/staff/orders/${order.orderId}/lines`, {
        method: 'POST',
        headers: { cookie: tech.cookie },
        json: { kind: 'part', description: 'Battery', quantity: 1, unitMinor: 4500 },
      });
      expect(line.status).toBe(201);
      const sent = await app.request(`/api/staff/orders/${order.orderId}/quotes`, {
        method: 'POST',
        headers: { cookie: tech.cookie },
        json: { message: 'The battery is swollen.' },
      });
      const quoteId = ((await sent.json()) as OrderLines).quotes[0]!.id;
      await app.handle.db
        .update(repairQuotes)
        .set({ sentAt: new Date(Date.now() - ageDays * DAY) })
        .where(eq(repairQuotes.id, quoteId));
      return { order, quoteId };
    }

    const approve = (order: BookedOrder, quoteId: string, body: Record<string, unknown> = {}) =>
      app.request(`/api/account/repairs/${order.reference}/quotes/${quoteId}/approve`, {
        method: 'POST',
        headers: { cookie: customer.cookie },
        json: body,
      });

    const quoteRows = (order: BookedOrder) =>
      app.handle.db
        .select()
        .from(repairQuotes)
        .where(eq(repairQuotes.orderId, order.orderId))
        .orderBy(asc(repairQuotes.version));

    it('a quote inside its validity is approved as before, and says when it expires', async () => {
      const { order, quoteId } = await pendingQuote(13);
      const listed = (await (
        await app.request(`/api/account/repairs/${order.reference}/quotes`, {
          headers: { cookie: customer.cookie },
        })
      ).json()) as CustomerQuotes;
      expect(listed.quotes[0]).toMatchObject({ expired: false, canDecide: true });
      expect(Date.parse(listed.quotes[0]!.expiresAt)).toBeGreaterThan(Date.now());
      expect((await approve(order, quoteId)).status).toBe(200);
    });

    it('an expired quote is refused with 409 QUOTE_EXPIRED and the fresh price; accepting it approves', async () => {
      const { order, quoteId } = await pendingQuote(15);
      const listed = (await (
        await app.request(`/api/track/${order.reference}/quotes?token=${order.trackingToken}`)
      ).json()) as CustomerQuotes;
      expect(listed.quotes[0]).toMatchObject({ id: quoteId, expired: true });

      const res = await approve(order, quoteId);
      expect(res.status).toBe(409);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await res.json()) as {
        code: string;
        quote: { quoteId: string; totalMinor: number; currency: string };
      };
      expect(problem.code).toBe('QUOTE_EXPIRED');
      const expected = (await quoteRows(order))[0]!.totalMinor;
      expect(problem.quote).toMatchObject({ quoteId, totalMinor: expected, currency: 'GBP' });
      // nothing changed
      const [row] = await app.handle.db.select().from(repairOrders).where(eq(repairOrders.id, order.orderId));
      expect(row!.status).toBe('awaiting_approval');
      expect((await quoteRows(order)).map((q) => q.status)).toEqual(['pending']);

      // a different total is refused too
      expect((await approve(order, quoteId, { acceptTotalMinor: expected - 1 })).status).toBe(409);

      // through the tracking link, accepting the fresh price
      const ok = await app.request(`/api/track/${order.reference}/quotes/${quoteId}/approve`, {
        method: 'POST',
        json: { token: order.trackingToken, acceptTotalMinor: problem.quote.totalMinor },
      });
      expect(ok.status).toBe(200);
      const body = (await ok.json()) as CustomerQuotes;
      expect(body.status).toBe('repairing');
      expect(body.agreedTotalMinor).toBe(problem.quote.totalMinor);
      const rows = await quoteRows(order);
      expect(rows.map((q) => [q.version, q.status])).toEqual([
        [1, 'expired'],
        [2, 'approved'],
      ]);
      expect(rows[1]!.totalMinor).toBe(problem.quote.totalMinor);
    });

    it('an expired quote can still be declined', async () => {
      const { order, quoteId } = await pendingQuote(20);
      const res = await app.request(`/api/account/repairs/${order.reference}/quotes/${quoteId}/decline`, {
        method: 'POST',
        headers: { cookie: customer.cookie },
        json: { note: 'No thanks' },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as CustomerQuotes).status).toBe('diagnosing');
    });
  });
});
