/**
 * Money given back and told (issue 13, items 2, 3 and the customer-cancellation part of 15):
 * a paid booking cancelled by its customer, by staff, or released by the hold job is refunded
 * through the provider that took it (once, however many requests race), the customer is
 * e-mailed what is refunded and why, tracking shows the refund and its reason, the audit log
 * records the customer's cancellation, and the staff figures add up after a partial refund.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gt } from 'drizzle-orm';
import {
  auditEvents,
  emailMessages,
  paymentRefunds,
  payments,
  repairOrders,
  shops,
} from '@/server/db/schema';
import { expirePaymentHolds } from '@/features/booking/server/booking-payment';
import { applyPaymentUpdate } from '@/features/payments/server/apply-update';
import { afterPaymentUpdate } from '@/features/payments/server/after-payment';
import type { OrderPayments, PaymentView, StaffOrderPayments } from '@/features/payments/schemas';
import type { ManageBooking } from '@/features/booking/schemas';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

interface Booked {
  id: string;
  reference: string;
  trackingToken: string;
  manageUrl: string;
  payment: PaymentView | null;
  quote: { totalMinor: number };
}

const gbp = (minor: number) => `£${(minor / 100).toFixed(2)}`;

describe.each(BACKENDS)('refunds on cancellation, and refunds told, on $name', (backend) => {
  let app: TestApp;
  let manager: TestUser;
  let n = 0;

  beforeAll(async () => {
    app = await startApp(backend);
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  async function book(opts: { pay?: boolean } = {}) {
    n++;
    const res = await app.request('/api/bookings', {
      method: 'POST',
      headers: { 'idempotency-key': `cancel-refund-${backend.name}-${n}-${Date.now()}` },
      json: bookingBody({
        paymentMethod: 'card',
        service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: await freeSlot(app, 'london') },
        customer: { name: 'Rita Refund', email: `refund-${backend.name}-${n}@example.com` },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const b = (await res.json()) as Booked;
    if (opts.pay !== false) {
      const paid = await app.request(`/api/payments/${b.payment!.id}/card`, {
        method: 'POST',
        json: { token: b.trackingToken, cardNumber: '4242424242424242' },
      });
      expect(paid.status, await paid.clone().text()).toBe(200);
    }
    const sig = new URL(b.manageUrl).searchParams.get('sig')!;
    return { ...b, sig, email: `refund-${backend.name}-${n}@example.com` };
  }

  const manage = async (b: { reference: string; sig: string }) => {
    const res = await app.request(`/api/bookings/${b.reference}/manage?sig=${encodeURIComponent(b.sig)}`);
    expect(res.status).toBe(200);
    return (await res.json()) as ManageBooking;
  };
  const cancel = (b: { reference: string; sig: string }) =>
    app.request(`/api/bookings/${b.reference}/cancel`, { method: 'POST', json: { sig: b.sig } });
  const tracked = async (b: { reference: string; trackingToken: string }) => {
    const res = await app.request(
      `/api/track/${b.reference}/payments?token=${encodeURIComponent(b.trackingToken)}`,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as OrderPayments;
  };
  const staffList = async (reference: string) => {
    const res = await app.request(`/api/staff/orders/${reference}/payments`, {
      headers: { cookie: manager.cookie },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as StaffOrderPayments;
  };
  const paymentRow = async (id: string) =>
    (await app.handle.db.select().from(payments).where(eq(payments.id, id)))[0]!;
  const refundRows = (paymentId: string) =>
    app.handle.db.select().from(paymentRefunds).where(eq(paymentRefunds.paymentId, paymentId));
  const mailsTo = (email: string) =>
    app.handle.db.select().from(emailMessages).where(eq(emailMessages.toAddress, email));
  const lastAuditId = async () => {
    const rows = await app.handle.db.select({ id: auditEvents.id }).from(auditEvents);
    return rows.reduce((m, r) => (r.id > m ? r.id : m), 0);
  };

  it('a customer cancelling a card-paid booking by its manage link is refunded once, e-mailed and audited', async () => {
    const b = await book();
    const total = b.quote.totalMinor;

    // before confirming, the manage view says what will be refunded
    expect((await manage(b)).cancellation).toEqual({
      currency: 'GBP',
      paidMinor: total,
      feeMinor: 0,
      refundMinor: total,
      refundedMinor: 0,
    });

    const mark = await lastAuditId();
    // a burst of parallel cancels: one goes through, the others are told it is cancelled already
    const results = await Promise.all([0, 1, 2, 3, 4].map(() => cancel(b)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);

    const p = await paymentRow(b.payment!.id);
    expect(p).toMatchObject({ status: 'refunded', refundedMinor: total });
    const refunds = await refundRows(p.id);
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({
      amountMinor: total,
      status: 'succeeded',
      reason: 'Booking cancelled by the customer',
    });

    // the customer is told what is refunded: the cancellation, and the refund's credit note
    const mails = await mailsTo(b.email);
    const cancelled = mails.filter((m) => m.template === 'booking-cancelled');
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.text).toContain(`We are refunding ${gbp(total)}`);
    const credit = mails.filter((m) => m.template === 'payment-refunded');
    expect(credit).toHaveLength(1);
    expect(credit[0]!.text).toContain(`Refunded: ${gbp(total)}`);
    expect(credit[0]!.text).toContain('Reason: Booking cancelled by the customer');

    // audited: the customer's cancellation through the manage link, with the caller's address
    const audit = await app.handle.db.select().from(auditEvents).where(gt(auditEvents.id, mark));
    const row = audit.find((a) => a.type === 'booking_cancelled');
    expect(row).toMatchObject({
      targetType: 'repair_order',
      targetId: b.reference,
      ip: '127.0.0.1',
      details: expect.objectContaining({
        by: 'customer',
        via: 'manage_link',
        paidMinor: total,
        refundMinor: total,
      }),
    });
    expect(audit.filter((a) => a.type === 'booking_cancelled')).toHaveLength(1);
    expect(audit.filter((a) => a.type === 'payment_refunded')).toHaveLength(1);

    // tracking shows the refund (and why), not "nothing to pay"
    const t = await tracked(b);
    expect(t.balance).toMatchObject({
      cancelled: true,
      capturedMinor: total,
      refundedMinor: total,
      paidMinor: 0,
      owedMinor: 0,
      dueMinor: 0,
    });
    expect(t.refunds).toEqual([
      expect.objectContaining({
        amountMinor: total,
        reason: 'Booking cancelled by the customer',
        status: 'succeeded',
      }),
    ]);
    expect((await manage(b)).cancellation).toMatchObject({ refundMinor: 0, refundedMinor: total });
  });

  it("keeps the shop's cancellation fee, says so before confirming, and refunds the rest", async () => {
    await app.handle.db.update(shops).set({ cancellationFeeMinor: 1500 }).where(eq(shops.slug, 'london'));
    try {
      const b = await book();
      const total = b.quote.totalMinor;
      expect((await manage(b)).cancellation).toMatchObject({
        paidMinor: total,
        feeMinor: 1500,
        refundMinor: total - 1500,
      });

      expect((await cancel(b)).status).toBe(200);
      expect(await paymentRow(b.payment!.id)).toMatchObject({
        status: 'partially_refunded',
        refundedMinor: total - 1500,
      });
      const mail = (await mailsTo(b.email)).find((m) => m.template === 'booking-cancelled')!;
      expect(mail.text).toContain('Cancellation fee: £15.00');
      expect(mail.text).toContain(`Refunded to you: ${gbp(total - 1500)}`);
      // the fee kept is not owed back
      expect((await staffList(b.reference)).balance).toMatchObject({
        cancelled: true,
        paidMinor: 1500,
        refundedMinor: total - 1500,
        owedMinor: 0,
      });

      // an unpaid booking costs nothing to cancel, whatever the fee
      const unpaid = await book({ pay: false });
      expect((await manage(unpaid)).cancellation).toMatchObject({
        paidMinor: 0,
        feeMinor: 0,
        refundMinor: 0,
      });
    } finally {
      await app.handle.db.update(shops).set({ cancellationFeeMinor: 0 }).where(eq(shops.slug, 'london'));
    }
  });

  it('staff cancelling a paid order refund it in full and the customer is told why', async () => {
    const b = await book();
    const total = b.quote.totalMinor;
    const res = await app.request(`/api/staff/orders/${b.reference}/status`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { to: 'cancelled', reason: 'Part no longer available' },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await paymentRow(b.payment!.id)).toMatchObject({ status: 'refunded', refundedMinor: total });
    const credit = (await mailsTo(b.email)).filter((m) => m.template === 'payment-refunded');
    expect(credit).toHaveLength(1);
    expect(credit[0]!.text).toContain('Reason: Repair cancelled: Part no longer available');
    expect((await tracked(b)).refunds[0]).toMatchObject({
      amountMinor: total,
      reason: 'Repair cancelled: Part no longer available',
    });
  });

  it('money captured after the hold job released the booking is given straight back', async () => {
    const b = await book({ pay: false });
    const total = b.quote.totalMinor;
    // the hold runs out: the booking is released and its open attempt closed
    expect(await expirePaymentHolds(app.handle.db, new Date(Date.now() + 24 * 3_600_000))).toBeGreaterThan(0);
    const [order] = await app.handle.db
      .select()
      .from(repairOrders)
      .where(eq(repairOrders.reference, b.reference));
    expect(order!.status).toBe('cancelled');
    // then the provider reports the money taken after all (a late webhook)
    const result = await applyPaymentUpdate(app.handle.db, {
      provider: 'sandbox',
      paymentId: b.payment!.id,
      snapshot: { status: 'succeeded', methodDetail: 'Visa •••• 4242' },
    });
    expect(result.captured).toBe(true);
    await afterPaymentUpdate(app.handle.db, result, app.origin);
    expect(await paymentRow(b.payment!.id)).toMatchObject({ status: 'refunded', refundedMinor: total });
    expect((await staffList(b.reference)).balance).toMatchObject({ owedMinor: 0, refundedMinor: total });
    // and no booking confirmation goes out for the released booking
    const templates = (await mailsTo(b.email)).map((m) => m.template);
    expect(templates).not.toContain('booking-confirmation');
    expect(templates).toContain('payment-refunded');
  });

  it('a staff refund is e-mailed with its reason, shown on tracking, and the figures add up', async () => {
    const b = await book();
    const total = b.quote.totalMinor;
    const res = await app.request(`/api/staff/payments/${b.payment!.id}/refunds`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { amountMinor: 2000, reason: 'Screen part cheaper than quoted' },
    });
    expect(res.status).toBe(201);

    const credit = (await mailsTo(b.email)).filter((m) => m.template === 'payment-refunded');
    expect(credit).toHaveLength(1);
    expect(credit[0]!.subject).toBe(`Refund of £20.00 for repair ${b.reference}`);
    expect(credit[0]!.text).toContain('Reason: Screen part cheaper than quoted');
    expect(credit[0]!.text).toContain('Refunded to: Visa •••• 4242');

    const t = await tracked(b);
    expect(t.refunds).toEqual([
      expect.objectContaining({
        amountMinor: 2000,
        reason: 'Screen part cheaper than quoted',
        status: 'succeeded',
      }),
    ]);

    // paid 194.10, refunded 20.00, net 174.10; nothing due, nothing owed
    const { balance } = await staffList(b.reference);
    expect(balance).toMatchObject({
      totalMinor: total,
      capturedMinor: total,
      refundedMinor: 2000,
      paidMinor: total - 2000,
      dueMinor: 0,
      owedMinor: 0,
      cancelled: false,
    });
    expect(balance.capturedMinor - balance.refundedMinor).toBe(balance.paidMinor);
    expect(balance.totalMinor - balance.capturedMinor).toBe(balance.dueMinor);

    // a price that went down below what was kept: the difference is owed back, and said so
    await app.handle.db
      .update(repairOrders)
      .set({ agreedTotalMinor: total - 5000 })
      .where(and(eq(repairOrders.reference, b.reference)));
    expect((await staffList(b.reference)).balance).toMatchObject({ dueMinor: 0, owedMinor: 3000 });
  });
});
