/**
 * Payments through the HTTP API with the built-in sandbox card provider (no keys set): paying
 * while booking, declines and retries, the extra confirmation step, switching to pay on
 * collection, the balance after a revised quote, counter payments, refunds (partial, the rest,
 * never more than captured), who may do what, and the slot hold running out.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { getMessage } from '@/features/email/server/get-message';
import {
  bookings,
  emailMessages,
  invoices,
  payments,
  repairOrders,
  slotReservations,
} from '@/server/db/schema';
import { expirePaymentHolds } from '@/features/booking/server/booking-payment';
import { sandboxProvider } from '@/features/payments/server/providers/sandbox';
import type {
  OrderPayments,
  PaymentView,
  StaffOrderPayments,
  StaffPaymentView,
} from '@/features/payments/schemas';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

interface Booked {
  id: string;
  reference: string;
  trackingToken: string;
  payment: PaymentView | null;
  quote: { totalMinor: number };
}

describe.each(BACKENDS)('payments (sandbox) on $name', (backend) => {
  let app: TestApp;
  let manager: TestUser;
  let tech: TestUser;
  let customer: TestUser;
  let n = 0;

  beforeAll(async () => {
    app = await startApp(backend);
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
    tech = await createUser(app, 'technician', { shopSlug: 'london' });
    customer = await createUser(app, 'customer');
  });
  afterAll(() => app.close());

  async function book(
    method: 'card' | 'collection' | 'paypal',
    opts: { cookie?: string; dropOff?: boolean } = {},
  ) {
    const service = opts.dropOff
      ? { type: 'drop_off', shopSlug: 'london', slotStartsAt: await freeSlot(app, 'london') }
      : { type: 'mail_in' };
    const res = await app.request('/api/bookings', {
      method: 'POST',
      headers: {
        'idempotency-key': `pay-test-${backend.name}-${++n}-${Date.now()}`,
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
      },
      json: bookingBody({
        paymentMethod: method,
        service,
        customer: { name: 'John Doe', email: `pay-${n}@example.com` },
      }),
    });
    return { res, body: (await res.json()) as Booked };
  }

  function card(
    p: PaymentView,
    token: string | null,
    cardNumber: string,
    extra: Record<string, unknown> = {},
    cookie?: string,
  ) {
    return app.request(`/api/payments/${p.id}/card`, {
      method: 'POST',
      headers: cookie ? { cookie } : {},
      json: { ...(token ? { token } : {}), cardNumber, ...extra },
    });
  }

  it('offers card (sandbox, test mode) and pay on collection when no keys are set', async () => {
    const res = await app.request('/api/payments/methods');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      methods: Array<{ id: string; provider: string; testMode: boolean; feeMinor: number }>;
    };
    expect(body.methods.map((m) => [m.id, m.provider, m.testMode])).toEqual([
      ['card', 'sandbox', true],
      ['collection', 'collection', false],
    ]);
    expect(body.methods.every((m) => m.feeMinor === 0)).toBe(true);
  });

  it('`stripe` is another name for card in a booking (the page names the card option so)', async () => {
    const res = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({
        paymentMethod: 'stripe',
        customer: { name: 'Alias Person', email: 'alias@example.com' },
      }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Booked & { paymentMethod: string };
    expect(body.paymentMethod).toBe('card');
    expect(body.payment).toMatchObject({ method: 'card', provider: 'sandbox', status: 'pending' });
    const bad = await app.request('/api/bookings', {
      method: 'POST',
      json: bookingBody({ paymentMethod: 'bitcoin' }),
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('paymentMethod');
  });

  it('refuses PayPal when it is not configured, with a field message', async () => {
    const { res, body } = await book('paypal');
    expect(res.status).toBe(422);
    const problem = body as unknown as { errors: Array<{ path: string }> };
    expect(problem.errors[0]!.path).toBe('paymentMethod');
  });

  it('a booking paid by the 4242 card: held, then paid, invoiced, confirmed and receipted', async () => {
    const { res, body } = await book('card', { dropOff: true });
    expect(res.status).toBe(201);
    expect(body.payment).toMatchObject({
      provider: 'sandbox',
      status: 'pending',
      amountMinor: body.quote.totalMinor,
      testMode: true,
    });
    const [held] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    expect(held!.paymentHoldUntil).not.toBeNull();
    // the confirmation waits for the payment
    expect(
      await app.handle.db.select().from(emailMessages).where(eq(emailMessages.bookingId, body.id)),
    ).toHaveLength(0);

    const paid = await card(body.payment!, body.trackingToken, '4242 4242 4242 4242', {
      expiry: '12/34',
      cvc: '123',
    });
    expect(paid.status).toBe(200);
    const view = (await paid.json()) as PaymentView;
    expect(view).toMatchObject({ status: 'succeeded', methodDetail: 'Visa •••• 4242' });
    expect(view.invoice?.number).toMatch(/^LONDON-\d{6}$/);
    expect(view.clientSecret).toBeNull();

    const [after] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    expect(after!.paymentHoldUntil).toBeNull();
    const mails = await app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.toAddress, after!.customerEmail!));
    expect(mails.map((m) => m.template).sort()).toEqual(['booking-confirmation', 'payment-receipt']);
    // rendered at delivery from the data stored with it: read as the admin view shows it
    const confirmation = mails.find((m) => m.template === 'booking-confirmation')!;
    expect((await getMessage(app.handle.db, confirmation.id))!.text).toContain('Paid');

    // paying twice is harmless: the answer is the same paid payment
    const again = await card(body.payment!, body.trackingToken, '4242424242424242');
    expect(again.status).toBe(200);
    expect(((await again.json()) as PaymentView).invoice?.number).toBe(view.invoice?.number);
  });

  it('a declined card says so (402), and the customer can retry with another card', async () => {
    const { body } = await book('card');
    const declined = await card(body.payment!, body.trackingToken, '4000 0000 0000 0002');
    expect(declined.status).toBe(402);
    expect(((await declined.json()) as { detail: string }).detail).toMatch(/declined/i);
    const [row] = await app.handle.db.select().from(payments).where(eq(payments.id, body.payment!.id));
    expect(row!.status).toBe('failed');
    // a second decline, for another reason, is a 402 with that reason
    const poor = await card(body.payment!, body.trackingToken, '4000000000009995');
    expect(poor.status).toBe(402);
    expect(((await poor.json()) as { detail: string }).detail).toMatch(/insufficient funds/i);
    const retried = await card(body.payment!, body.trackingToken, '4242424242424242');
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as PaymentView).status).toBe('succeeded');
  });

  it('every decline answers 402 with its own reason, also a second one with a different card', async () => {
    const { body } = await book('card');
    const first = await card(body.payment!, body.trackingToken, '4000000000000002');
    expect(first.status).toBe(402);
    expect(((await first.json()) as { detail: string }).detail).toMatch(/declined/i);
    // another failing card on the already-failed payment: still a decline, with that card's reason
    const second = await card(body.payment!, body.trackingToken, '4000000000009995');
    expect(second.status).toBe(402);
    expect(((await second.json()) as { detail: string }).detail).toMatch(/insufficient funds/i);
    const [row] = await app.handle.db.select().from(payments).where(eq(payments.id, body.payment!.id));
    expect(row).toMatchObject({
      status: 'failed',
      failureCode: 'insufficient_funds',
      methodDetail: 'Visa •••• 9995',
    });
    // a failed extra confirmation step after a decline is a decline too
    expect((await card(body.payment!, body.trackingToken, '4000002760003184')).status).toBe(200);
    const denied = await app.request(`/api/payments/${body.payment!.id}/authenticate`, {
      method: 'POST',
      json: { token: body.trackingToken, approve: false },
    });
    expect(denied.status).toBe(402);
    expect(((await denied.json()) as { detail: string }).detail).toMatch(/extra confirmation/i);
    expect((await card(body.payment!, body.trackingToken, '4242424242424242')).status).toBe(200);
  });

  it('a declined card, then pay on collection: the booking stands and is confirmed, unheld', async () => {
    const { body } = await book('card', { dropOff: true });
    await card(body.payment!, body.trackingToken, '4000000000000002');
    const res = await app.request(`/api/payments/${body.payment!.id}/pay-on-collection`, {
      method: 'POST',
      json: { token: body.trackingToken },
    });
    expect(res.status).toBe(200);
    const [b] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    expect(b).toMatchObject({ paymentMethod: 'collection', paymentHoldUntil: null, status: 'confirmed' });
    const mails = await app.handle.db
      .select()
      .from(emailMessages)
      .where(eq(emailMessages.bookingId, body.id));
    expect(mails.map((m) => m.template)).toEqual(['booking-confirmation']);
    expect((await getMessage(app.handle.db, mails[0]!.id))!.text).toContain('on collection');
    // the online attempt is closed: a card can no longer be charged for it
    expect((await card(body.payment!, body.trackingToken, '4242424242424242')).status).toBe(409);
  });

  it('the card that needs an extra confirmation step: requires_action, then approved', async () => {
    const { body } = await book('card');
    const first = await card(body.payment!, body.trackingToken, '4000 0027 6000 3184');
    expect(first.status).toBe(200);
    expect(((await first.json()) as PaymentView).status).toBe('requires_action');
    // confirming the card again is refused until the step is done
    expect((await card(body.payment!, body.trackingToken, '4242424242424242')).status).toBe(409);
    const done = await app.request(`/api/payments/${body.payment!.id}/authenticate`, {
      method: 'POST',
      json: { token: body.trackingToken, approve: true },
    });
    expect(done.status).toBe(200);
    expect(((await done.json()) as PaymentView).status).toBe('succeeded');
  });

  it('a failed extra confirmation step declines the payment', async () => {
    const { body } = await book('card');
    await card(body.payment!, body.trackingToken, '4000002760003184');
    const res = await app.request(`/api/payments/${body.payment!.id}/authenticate`, {
      method: 'POST',
      json: { token: body.trackingToken, approve: false },
    });
    expect(res.status).toBe(402);
  });

  it('bad card input gets field messages; real cards are refused in test mode', async () => {
    const { body } = await book('card');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ cardNumber: '1234 5678 9012 3456' }, 'cardNumber'],
      [{ cardNumber: '4111 1111 1111 1111' }, 'cardNumber'],
      [{ cardNumber: '4242424242424242', expiry: '01/20' }, 'expiry'],
      [{ cardNumber: '4242424242424242', cvc: '12a' }, 'cvc'],
      [{ cardNumber: '' }, 'cardNumber'],
    ];
    for (const [input, path] of cases) {
      const res = await app.request(`/api/payments/${body.payment!.id}/card`, {
        method: 'POST',
        json: { token: body.trackingToken, ...input },
      });
      expect(res.status, JSON.stringify(input)).toBe(422);
      const problem = (await res.json()) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors[0]!.path).toBe(path);
    }
    const [row] = await app.handle.db.select().from(payments).where(eq(payments.id, body.payment!.id));
    expect(row!.status).toBe('pending');
  });

  it('nobody without the tracking token (or the account) can see or pay a payment', async () => {
    const { body } = await book('card');
    const anon = await app.request(`/api/payments/${body.payment!.id}`);
    expect(anon.status).toBe(404);
    const wrong = await card(body.payment!, 'not-the-token', '4242424242424242');
    expect(wrong.status).toBe(404);
    const other = await app.request(`/api/payments/${body.payment!.id}`, {
      headers: { cookie: customer.cookie },
    });
    expect(other.status).toBe(404);
    const ok = await app.request(
      `/api/payments/${body.payment!.id}?token=${encodeURIComponent(body.trackingToken)}`,
    );
    expect(ok.status).toBe(200);
    const staff = await app.request(`/api/payments/${body.payment!.id}`, {
      headers: { cookie: tech.cookie },
    });
    expect(staff.status).toBe(200);
  });

  it('a retried booking request returns the same booking and the same payment', async () => {
    const key = `same-key-${backend.name}-${Date.now()}`;
    const send = () =>
      app.request('/api/bookings', {
        method: 'POST',
        headers: { 'idempotency-key': key },
        json: bookingBody({
          paymentMethod: 'card',
          customer: { name: 'Retry Person', email: 'retry@example.com' },
        }),
      });
    const a = (await (await send()).json()) as Booked;
    const second = await send();
    expect(second.status).toBe(200);
    const b = (await second.json()) as Booked;
    expect(b.reference).toBe(a.reference);
    expect(b.payment!.id).toBe(a.payment!.id);
  });

  it('an unpaid hold runs out: the booking is cancelled and its slot given back', async () => {
    const { body } = await book('card', { dropOff: true });
    const [b] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    const slotOf = async () =>
      (
        await app.handle.db
          .select()
          .from(slotReservations)
          .where(eq(slotReservations.startsAt, b!.slotStartsAt!))
      ).find((s) => s.shopSlug === 'london')!.booked;
    const before = await slotOf();
    // not yet
    expect(await expirePaymentHolds(app.handle.db, new Date())).toBe(0);
    const later = new Date(b!.paymentHoldUntil!.getTime() + 1000);
    expect(await expirePaymentHolds(app.handle.db, later)).toBeGreaterThanOrEqual(1);
    const [after] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    expect(after!.status).toBe('cancelled');
    expect(await slotOf()).toBe(before - 1);
    const [order] = await app.handle.db
      .select()
      .from(repairOrders)
      .where(eq(repairOrders.bookingId, body.id));
    expect(order!.status).toBe('cancelled');
    const [p] = await app.handle.db.select().from(payments).where(eq(payments.id, body.payment!.id));
    expect(p).toMatchObject({ status: 'failed', failureCode: 'expired' });
    // too late to switch to pay on collection
    const late = await app.request(`/api/payments/${body.payment!.id}/pay-on-collection`, {
      method: 'POST',
      json: { token: body.trackingToken },
    });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('BOOKING_RELEASED');
  });

  it('once the hold ran out and the booking was released, its payment can no longer be paid', async () => {
    const { body } = await book('card', { dropOff: true });
    const declined = await card(body.payment!, body.trackingToken, '4000000000000002');
    expect(declined.status).toBe(402);
    const [b] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    await expirePaymentHolds(app.handle.db, new Date(b!.paymentHoldUntil!.getTime() + 1000));
    const [released] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    expect(released!.status).toBe('cancelled');
    const late = await card(body.payment!, body.trackingToken, '4242424242424242');
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({
      code: 'BOOKING_RELEASED',
      detail: expect.stringMatching(/book again/i),
    });
    const [p] = await app.handle.db.select().from(payments).where(eq(payments.id, body.payment!.id));
    expect(p!.status).toBe('failed');
    expect(
      await app.handle.db.select().from(invoices).where(eq(invoices.paymentId, body.payment!.id)),
    ).toHaveLength(0);
  });

  it('a paid booking is never released by the hold job', async () => {
    const { body } = await book('card', { dropOff: true });
    await card(body.payment!, body.trackingToken, '4242424242424242');
    expect(await expirePaymentHolds(app.handle.db, new Date(Date.now() + 3600_000))).toBe(0);
    const [after] = await app.handle.db.select().from(bookings).where(eq(bookings.id, body.id));
    expect(after!.status).toBe('confirmed');
  });

  describe('staff: payment history, counter payments and refunds', () => {
    async function paidOrder() {
      const { body } = await book('card', { dropOff: true });
      const res = await card(body.payment!, body.trackingToken, '4242424242424242');
      return { booking: body, payment: (await res.json()) as PaymentView };
    }
    const refund = (
      who: TestUser,
      paymentId: string,
      amountMinor: number,
      reason = 'Screen part cheaper',
      key?: string,
    ) =>
      app.request(`/api/staff/payments/${paymentId}/refunds`, {
        method: 'POST',
        headers: { cookie: who.cookie, ...(key ? { 'idempotency-key': key } : {}) },
        json: { amountMinor, reason },
      });

    it('refund part, then the rest; never more than was captured', async () => {
      const { payment } = await paidOrder();
      const total = payment.amountMinor;
      const part = await refund(manager, payment.id, 1000);
      expect(part.status).toBe(201);
      expect((await part.json()) as StaffPaymentView).toMatchObject({
        status: 'partially_refunded',
        refundedMinor: 1000,
      });

      const tooMuch = await refund(manager, payment.id, total);
      expect(tooMuch.status).toBe(422);
      const problem = (await tooMuch.json()) as { errors: Array<{ path: string; message: string }> };
      expect(problem.errors[0]!.path).toBe('amountMinor');

      const rest = await refund(manager, payment.id, total - 1000, 'Repair cancelled');
      expect(rest.status).toBe(201);
      const after = (await rest.json()) as StaffPaymentView;
      expect(after).toMatchObject({ status: 'refunded', refundedMinor: total });
      expect(after.refunds.map((r) => [r.amountMinor, r.status])).toEqual([
        [1000, 'succeeded'],
        [total - 1000, 'succeeded'],
      ]);
      expect((await refund(manager, payment.id, 1)).status).toBe(422);
    });

    it('a retried refund with the same Idempotency-Key refunds once', async () => {
      const { payment } = await paidOrder();
      const key = `refund-${Date.now()}`;
      await refund(manager, payment.id, 500, 'Goodwill', key);
      await refund(manager, payment.id, 500, 'Goodwill', key);
      const [row] = await app.handle.db.select().from(payments).where(eq(payments.id, payment.id));
      expect(row!.refundedMinor).toBe(500);
    });

    it('parallel refunds can never together pass the captured amount', async () => {
      const { payment } = await paidOrder();
      const each = Math.ceil(payment.amountMinor / 3);
      const results = await Promise.all([0, 1, 2, 3, 4].map(() => refund(manager, payment.id, each)));
      const ok = results.filter((r) => r.status === 201).length;
      expect(ok).toBe(Math.floor(payment.amountMinor / each));
      expect(results.every((r) => r.status === 201 || r.status === 422)).toBe(true);
      const [row] = await app.handle.db.select().from(payments).where(eq(payments.id, payment.id));
      expect(row!.refundedMinor).toBe(ok * each);
      expect(row!.refundedMinor).toBeLessThanOrEqual(row!.amountMinor);
    });

    it('technicians and customers cannot refund; bad input is a 422', async () => {
      const { payment } = await paidOrder();
      expect((await refund(tech, payment.id, 100)).status).toBe(403);
      expect((await refund(customer, payment.id, 100)).status).toBe(403);
      const anon = await app.request(`/api/staff/payments/${payment.id}/refunds`, {
        method: 'POST',
        json: { amountMinor: 100, reason: 'x' },
      });
      expect(anon.status).toBe(401);
      for (const body of [
        { amountMinor: -5, reason: 'Reason' },
        { amountMinor: 1.5, reason: 'Reason' },
        { amountMinor: 100, reason: '' },
      ]) {
        const res = await app.request(`/api/staff/payments/${payment.id}/refunds`, {
          method: 'POST',
          headers: { cookie: manager.cookie },
          json: body,
        });
        expect(res.status).toBe(422);
      }
    });

    const staffList = async (reference: string) => {
      const res = await app.request(`/api/staff/orders/${reference}/payments`, {
        headers: { cookie: manager.cookie },
      });
      expect(res.status).toBe(200);
      return (await res.json()) as StaffOrderPayments;
    };

    it('a refund is given back, never asked for again: nothing is due after it', async () => {
      const { booking, payment } = await paidOrder();
      const total = payment.amountMinor;
      expect((await refund(manager, payment.id, 1000, 'Screen part cheaper')).status).toBe(201);
      expect((await staffList(booking.reference)).balance).toMatchObject({
        totalMinor: total,
        paidMinor: total - 1000,
        refundedMinor: 1000,
        dueMinor: 0,
      });
      // neither the counter nor the customer is asked for the refunded money
      const counter = await app.request(`/api/staff/orders/${booking.reference}/payments`, {
        method: 'POST',
        headers: { cookie: manager.cookie },
        json: { kind: 'cash' },
      });
      expect(counter.status).toBe(409);
      const online = await app.request(`/api/track/${booking.reference}/payments`, {
        method: 'POST',
        json: { token: booking.trackingToken, method: 'card' },
      });
      expect(online.status).toBe(409);

      // the price goes up afterwards: only the increase is due, and its receipt says all is paid
      await app.handle.db
        .update(repairOrders)
        .set({ agreedTotalMinor: total + 2500 })
        .where(eq(repairOrders.reference, booking.reference));
      expect((await staffList(booking.reference)).balance.dueMinor).toBe(2500);
      const rec = await app.request(`/api/staff/orders/${booking.reference}/payments`, {
        method: 'POST',
        headers: { cookie: manager.cookie },
        json: { kind: 'card_terminal' },
      });
      expect(rec.status).toBe(201);
      const recorded = (await rec.json()) as StaffPaymentView;
      expect(recorded).toMatchObject({ amountMinor: 2500, methodDetail: 'Card terminal' });
      const [receipt] = await app.handle.db
        .select()
        .from(invoices)
        .where(eq(invoices.paymentId, recorded.id));
      expect(receipt!.snapshot).toMatchObject({
        paidMinor: 2500,
        previouslyPaidMinor: total - 1000,
        balanceMinor: 0,
      });
      expect((await staffList(booking.reference)).balance).toMatchObject({
        paidMinor: total + 1500,
        refundedMinor: 1000,
        dueMinor: 0,
      });
    });

    it('a refund the provider refused is reported again on a retry with its key, never as done', async () => {
      const { booking, payment } = await paidOrder();
      const key = `refused-${Date.now()}`;
      const spy = vi.spyOn(sandboxProvider, 'refund').mockRejectedValueOnce(new Error('provider down'));
      try {
        expect((await refund(manager, payment.id, 700, 'Goodwill', key)).status).toBe(503);
        // the same attempt again (a double click, a retried request): still not refunded
        expect((await refund(manager, payment.id, 700, 'Goodwill', key)).status).toBe(503);
        const [row] = await app.handle.db.select().from(payments).where(eq(payments.id, payment.id));
        expect(row).toMatchObject({ status: 'succeeded', refundedMinor: 0 });
        // a new attempt, with a new key, goes through
        const again = await refund(manager, payment.id, 700, 'Goodwill', `${key}-2`);
        expect(again.status).toBe(201);
        expect((await again.json()) as StaffPaymentView).toMatchObject({
          status: 'partially_refunded',
          refundedMinor: 700,
        });
        const listed = await staffList(booking.reference);
        expect(listed.payments[0]!.refunds.map((r) => [r.amountMinor, r.status])).toEqual([
          [700, 'failed'],
          [700, 'succeeded'],
        ]);
      } finally {
        spy.mockRestore();
      }
    });

    it('the payment history and balance; a counter payment settles what is due', async () => {
      const { body: booking } = await book('collection', { dropOff: true });
      const list = async () => {
        const res = await app.request(`/api/staff/orders/${booking.reference}/payments`, {
          headers: { cookie: manager.cookie },
        });
        expect(res.status).toBe(200);
        return (await res.json()) as StaffOrderPayments;
      };
      const before = await list();
      expect(before.balance).toMatchObject({
        totalMinor: booking.quote.totalMinor,
        paidMinor: 0,
        dueMinor: booking.quote.totalMinor,
      });
      expect(before.canRefund).toBe(true);
      const rec = await app.request(`/api/staff/orders/${booking.reference}/payments`, {
        method: 'POST',
        headers: { cookie: manager.cookie },
        json: { kind: 'cash' },
      });
      expect(rec.status).toBe(201);
      expect((await rec.json()) as StaffPaymentView).toMatchObject({
        provider: 'collection',
        status: 'succeeded',
        methodDetail: 'Cash',
      });
      const after = await list();
      expect(after.balance).toMatchObject({ paidMinor: booking.quote.totalMinor, dueMinor: 0 });
      expect(after.payments[0]!.invoice?.number).toMatch(/^LONDON-/);
      // the timeline says who took the money, not "system"
      const order = (await (
        await app.request(`/api/staff/orders/${booking.reference}`, { headers: { cookie: manager.cookie } })
      ).json()) as { timeline: Array<{ type: string; actorUserId: string | null; actorRole: string }> };
      expect(order.timeline.find((e) => e.type === 'payment_received')).toMatchObject({
        actorUserId: manager.id,
        actorRole: 'staff',
      });
      const again = await app.request(`/api/staff/orders/${booking.reference}/payments`, {
        method: 'POST',
        headers: { cookie: manager.cookie },
        json: { kind: 'cash' },
      });
      expect(again.status).toBe(409);
    });
  });

  it('the customer pays the balance from their account after the price went up', async () => {
    const { body } = await book('card', { cookie: customer.cookie });
    await card(body.payment!, body.trackingToken, '4242424242424242');
    await app.handle.db
      .update(repairOrders)
      .set({ agreedTotalMinor: body.quote.totalMinor + 2500 })
      .where(eq(repairOrders.reference, body.reference));
    const view = async () =>
      (await (
        await app.request(`/api/account/repairs/${body.reference}/payments`, {
          headers: { cookie: customer.cookie },
        })
      ).json()) as OrderPayments;
    expect((await view()).balance.dueMinor).toBe(2500);
    const started = await app.request(`/api/account/repairs/${body.reference}/payments`, {
      method: 'POST',
      headers: { cookie: customer.cookie },
      json: { method: 'card' },
    });
    expect(started.status).toBe(201);
    const pay = (await started.json()) as PaymentView;
    expect(pay).toMatchObject({ amountMinor: 2500, purpose: 'balance', status: 'pending' });
    expect((await card(pay, null, '4242424242424242', {}, customer.cookie)).status).toBe(200);
    const final = await view();
    expect(final.balance.dueMinor).toBe(0);
    expect(final.payments.filter((p) => p.status === 'succeeded')).toHaveLength(2);
    // nothing left to pay
    const none = await app.request(`/api/account/repairs/${body.reference}/payments`, {
      method: 'POST',
      headers: { cookie: customer.cookie },
      json: { method: 'card' },
    });
    expect(none.status).toBe(409);
    const invoiceRows = await app.handle.db.select().from(invoices).where(eq(invoices.orderId, pay.orderId));
    expect(invoiceRows).toHaveLength(2);
  });

  it('a guest pays the balance through the tracking link', async () => {
    const { body } = await book('collection');
    const started = await app.request(`/api/track/${body.reference}/payments`, {
      method: 'POST',
      json: { token: body.trackingToken, method: 'card' },
    });
    expect(started.status).toBe(201);
    const pay = (await started.json()) as PaymentView;
    expect(pay.amountMinor).toBe(body.quote.totalMinor);
    const wrong = await app.request(`/api/track/${body.reference}/payments?token=nope`);
    expect(wrong.status).toBe(404);
  });
});
