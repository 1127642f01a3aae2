/**
 * Invoices through the HTTP API: the receipt e-mail with its PDF after a sandbox card payment,
 * the PDF download and who may have it, a refund leaving the invoice as issued, and invoice
 * numbers that stay unique and gapless per series when many payments finish at once (and when
 * numbering transactions roll back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { emailMessages, invoiceCounters, invoices, repairOrders } from '@/server/db/schema';
import { formatMoney } from '@/features/pricing/money';
import { formatInvoiceNumber, nextInvoiceNumber } from '@/features/payments/server/issue-invoice';
import { sendPaymentReceipt } from '@/features/payments/server/send-receipt';
import type { PaymentView } from '@/features/payments/schemas';
import { readPdf } from '../pdf-text';
import { BACKENDS, bookingBody, freeSlot, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';

interface Booked {
  id: string;
  reference: string;
  trackingToken: string;
  payment: PaymentView | null;
  quote: { totalMinor: number; vat: { rateBp: number } };
}

type Shop = 'london' | 'manchester' | null;

const money = (minor: number) => formatMoney(minor, 'GBP');
/** VAT inside a VAT-inclusive total at 20%: total − round(total / 1.2), in exact integers. */
const vatOf = (total: number) => total - Math.round((total * 10) / 12);
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe.each(BACKENDS)('invoices on $name', (backend) => {
  let app: TestApp;
  let tech: TestUser;
  let manager: TestUser;
  let owner: TestUser;
  let stranger: TestUser;
  let n = 0;

  beforeAll(async () => {
    app = await startApp(backend);
    tech = await createUser(app, 'technician', { shopSlug: 'london' });
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
    owner = await createUser(app, 'customer');
    stranger = await createUser(app, 'customer');
  });
  afterAll(() => app.close());

  /** A booking paid by card (pending until `pay`); drop-off at `shop`, or mail-in (WEB). */
  async function book(shop: Shop, opts: { cookie?: string; method?: 'card' | 'collection' } = {}) {
    // a slot with both places free: consecutive bookings take different slots
    const service = shop
      ? { type: 'drop_off', shopSlug: shop, slotStartsAt: await freeSlot(app, shop, 2) }
      : { type: 'mail_in' };
    const res = await app.request('/api/bookings', {
      method: 'POST',
      headers: opts.cookie ? { cookie: opts.cookie } : {},
      json: bookingBody({
        paymentMethod: opts.method ?? 'card',
        service,
        customer: { name: 'Ivy Invoice', email: `invoice-${backend.name}-${++n}@example.com` },
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Booked;
  }

  function pay(booking: Booked) {
    return app.request(`/api/payments/${booking.payment!.id}/card`, {
      method: 'POST',
      json: { token: booking.trackingToken, cardNumber: '4242424242424242' },
    });
  }

  async function paidBooking(shop: Shop, opts: { cookie?: string } = {}) {
    const booking = await book(shop, opts);
    const res = await pay(booking);
    expect(res.status).toBe(200);
    const payment = (await res.json()) as PaymentView;
    expect(payment.status).toBe('succeeded');
    return { booking, payment, invoice: payment.invoice! };
  }

  const receipts = (bookingIds: string[]) =>
    app.handle.db
      .select()
      .from(emailMessages)
      .where(
        and(inArray(emailMessages.bookingId, bookingIds), eq(emailMessages.template, 'payment-receipt')),
      );

  const download = (invoiceId: string, opts: { token?: string; cookie?: string } = {}) =>
    app.request(
      `/api/invoices/${invoiceId}/pdf${opts.token ? `?token=${encodeURIComponent(opts.token)}` : ''}`,
      { headers: opts.cookie ? { cookie: opts.cookie } : {} },
    );

  it('a card payment queues one receipt e-mail with the invoice PDF: total, VAT and amount paid', async () => {
    const { booking, invoice } = await paidBooking('london');
    const total = booking.quote.totalMinor;
    expect(booking.quote.vat.rateBp).toBe(2000);
    expect(invoice.number).toMatch(/^LONDON-\d{6}$/);

    const mails = await receipts([booking.id]);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.toAddress).toBe(`invoice-${backend.name}-${n}@example.com`);
    expect(mail.subject).toBe(`Payment received: ${money(total)} for repair ${booking.reference}`);
    expect(mail.text).toContain(`Amount paid: ${money(total)}`);
    expect(mail.text).toContain('Paid by: Card (test mode): Visa •••• 4242');
    expect(mail.text).toContain(`Invoice: ${invoice.number}`);
    expect(mail.text).toContain('Still to pay: nothing, your repair is paid in full');

    expect(mail.attachments).toHaveLength(1);
    const [attachment] = mail.attachments;
    expect(attachment).toMatchObject({ filename: `${invoice.number}.pdf`, contentType: 'application/pdf' });
    const pdf = await readPdf(Buffer.from(attachment!.content, 'base64'));
    expect(pdf.info).toMatchObject({ Title: invoice.number });
    expect(pdf.text).toContain(`Invoice ${invoice.number}`);
    expect(pdf.text).toContain(`Reference ${booking.reference}`);
    expect(pdf.lines).toContain(`Total (inc. VAT) ${money(total)}`);
    expect(pdf.lines).toContain(`VAT at 20% ${money(vatOf(total))}`);
    expect(pdf.lines).toContain(`Net amount (ex. VAT) ${money(total - vatOf(total))}`);
    expect(pdf.lines).toContain(`Paid now (Card (test mode): Visa •••• 4242) ${money(total)}`);
    expect(pdf.lines).toContain('Paid before £0.00');
    expect(pdf.lines).toContain('Balance due £0.00');

    // the e-mail's link opens the repair's tracking page
    const link = new URL(/https?:\/\/\S+\/track\/\S+/.exec(mail.text)![0]);
    expect(link.pathname).toBe(`/track/${booking.reference}`);
    const tracked = await app.request(
      `/api/track/${booking.reference}?token=${encodeURIComponent(link.searchParams.get('token')!)}`,
    );
    expect(tracked.status).toBe(200);

    // sending it again (a retry, a second worker) queues nothing more
    expect(await sendPaymentReceipt(app.handle.db, invoice.id, 'http://localhost')).toBeNull();
    expect(await receipts([booking.id])).toHaveLength(1);
  });

  it('a part payment at the counter, then the rest by card: each receipt shows what was paid before and what is due', async () => {
    const booking = await book('london', { method: 'collection' });
    const total = booking.quote.totalMinor;
    const counter = await app.request(`/api/staff/orders/${booking.reference}/payments`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { kind: 'cash', amountMinor: 1000 },
    });
    expect(counter.status).toBe(201);
    const started = await app.request(`/api/track/${booking.reference}/payments`, {
      method: 'POST',
      json: { token: booking.trackingToken, method: 'card' },
    });
    expect(started.status).toBe(201);
    const rest = (await started.json()) as PaymentView;
    expect(rest.amountMinor).toBe(total - 1000);
    expect((await pay({ ...booking, payment: rest })).status).toBe(200);

    const mails = (await receipts([booking.id])).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
    expect(mails).toHaveLength(2);
    expect(mails[0]!.text).toContain(`Still to pay: ${money(total - 1000)}`);
    const first = await readPdf(Buffer.from(mails[0]!.attachments[0]!.content, 'base64'));
    expect(first.lines).toContain('Paid now (Paid in shop: Cash) £10.00');
    expect(first.lines).toContain('Paid before £0.00');
    expect(first.lines).toContain(`Balance due ${money(total - 1000)}`);

    expect(mails[1]!.text).toContain('Still to pay: nothing');
    const second = await readPdf(Buffer.from(mails[1]!.attachments[0]!.content, 'base64'));
    expect(second.lines).toContain(`Paid now (Card (test mode): Visa •••• 4242) ${money(total - 1000)}`);
    expect(second.lines).toContain('Paid before £10.00');
    expect(second.lines).toContain('Balance due £0.00');
    expect(second.lines).toContain(`Total (inc. VAT) ${money(total)}`);
  });

  it('the PDF download: tracking-link holder, owner and staff get it; anyone else gets a 404', async () => {
    const { booking, invoice } = await paidBooking('london', { cookie: owner.cookie });
    const total = booking.quote.totalMinor;

    const res = await download(invoice.id, { token: booking.trackingToken });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${invoice.number}.pdf"`);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.text).toContain(`Invoice ${invoice.number}`);
    expect(pdf.lines).toContain(`Total (inc. VAT) ${money(total)}`);
    expect(pdf.lines).toContain(`VAT at 20% ${money(vatOf(total))}`);
    expect(pdf.lines).toContain(`Paid now (Card (test mode): Visa •••• 4242) ${money(total)}`);
    expect(pdf.lines).toContain('Balance due £0.00');

    // the owner signed in, and staff (a technician), need no token
    expect((await download(invoice.id, { cookie: owner.cookie })).status).toBe(200);
    const staff = await download(invoice.id, { cookie: tech.cookie });
    expect(staff.status).toBe(200);
    expect(staff.headers.get('content-type')).toBe('application/pdf');

    // without the token, with a wrong one, as another customer: as if there were no invoice
    const refused = [
      await download(invoice.id),
      await download(invoice.id, { token: 'not-the-token' }),
      await download(invoice.id, { token: `s.${'a'.repeat(43)}` }),
      await download(invoice.id, { cookie: stranger.cookie }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(404);
      expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await r.text()).not.toContain(booking.reference);
    }
    // another order's token opens only that order's invoices
    const other = await paidBooking(null);
    expect((await download(invoice.id, { token: other.booking.trackingToken })).status).toBe(404);
    expect((await download(other.invoice.id, { token: other.booking.trackingToken })).status).toBe(200);

    // unknown and malformed ids: 404, never a 500
    for (const id of [
      '00000000-0000-4000-8000-000000000000',
      'not-an-id',
      "1' OR '1'='1",
      'x'.repeat(500),
      booking.payment!.id,
    ]) {
      const r = await download(encodeURIComponent(id), { cookie: tech.cookie });
      expect(r.status, id).toBe(404);
    }
  });

  it('a partial refund leaves the invoice as issued: it is the receipt of the payment', async () => {
    const { booking, invoice, payment } = await paidBooking('london');
    const [before] = await app.handle.db.select().from(invoices).where(eq(invoices.id, invoice.id));
    const refund = await app.request(`/api/staff/payments/${payment.id}/refunds`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { amountMinor: 1000, reason: 'Screen part cheaper than quoted' },
    });
    expect(refund.status).toBe(201);
    expect(((await refund.json()) as PaymentView).status).toBe('partially_refunded');

    const after = await app.handle.db.select().from(invoices).where(eq(invoices.orderId, payment.orderId));
    expect(after).toEqual([before]);
    expect(await receipts([booking.id])).toHaveLength(1);
    const res = await download(invoice.id, { token: booking.trackingToken });
    expect(res.status).toBe(200);
    const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
    expect(pdf.lines).toContain(`Paid now (Card (test mode): Visa •••• 4242) ${money(payment.amountMinor)}`);
    expect(pdf.lines).toContain('Balance due £0.00');
  });

  it('many payments finishing at once across shops get unique, gapless numbers per series', async () => {
    const plan: Shop[] = [
      ...Array<Shop>(12).fill('london'),
      ...Array<Shop>(12).fill('manchester'),
      ...Array<Shop>(6).fill(null),
    ];
    const booked: Booked[] = [];
    for (const shop of plan) booked.push(await book(shop));
    const seriesOf = (shop: Shop) => (shop ? shop.toUpperCase() : 'WEB');
    const lastNumber = async (series: string) =>
      (
        await app.handle.db
          .select({ n: invoiceCounters.lastNumber })
          .from(invoiceCounters)
          .where(eq(invoiceCounters.series, series))
      )[0]?.n ?? 0;
    const SERIES = ['LONDON', 'MANCHESTER', 'WEB'];
    const before = Object.fromEntries(await Promise.all(SERIES.map(async (s) => [s, await lastNumber(s)])));

    // all at once: on PostgreSQL they run in parallel transactions (a pool of 20)
    const results = await Promise.all(booked.map((b) => pay(b)));
    expect(results.map((r) => r.status)).toEqual(booked.map(() => 200));

    const rows = await app.handle.db
      .select()
      .from(invoices)
      .where(
        inArray(
          invoices.paymentId,
          booked.map((b) => b.payment!.id),
        ),
      );
    expect(rows).toHaveLength(booked.length);
    for (const series of SERIES) {
      const count = plan.filter((s) => seriesOf(s) === series).length;
      const mine = rows.filter((r) => r.series === series);
      // exactly the next `count` numbers of the series, each once
      expect(mine.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(range(before[series] + 1, count));
      for (const r of mine) expect(r.number).toBe(formatInvoiceNumber(series, r.sequence));
      // and the whole series is 1..last with no gap
      const all = await app.handle.db
        .select({ sequence: invoices.sequence })
        .from(invoices)
        .where(eq(invoices.series, series));
      const last = await lastNumber(series);
      expect(all.map((r) => r.sequence).sort((a, b) => a - b)).toEqual(range(1, last));
    }
    // each invoice is on the order of its own payment, with the payment's shop as its series
    const orders = await app.handle.db
      .select({ id: repairOrders.id, shopSlug: repairOrders.shopSlug })
      .from(repairOrders)
      .where(
        inArray(
          repairOrders.id,
          rows.map((r) => r.orderId),
        ),
      );
    const shopOf = new Map(orders.map((o) => [o.id, o.shopSlug]));
    for (const r of rows) expect(r.series).toBe(seriesOf((shopOf.get(r.orderId) ?? null) as Shop));
    expect(await receipts(booked.map((b) => b.id))).toHaveLength(booked.length);
  });

  it('numbers taken in transactions that roll back are given out again: the committed ones stay gapless', async () => {
    const db = app.handle.db;
    const series = 'RACE';
    const fail = new Error('rolled back on purpose');
    const attempt = async (rollback: boolean) => {
      let taken = 0;
      try {
        const n = await db.transaction(async (tx) => {
          taken = await nextInvoiceNumber(tx, series);
          // some work after taking the number, while other transactions wait on the counter row
          await tx.execute(sql`select pg_sleep(0.005)`);
          if (rollback) throw fail;
          return taken;
        });
        return { committed: true, n };
      } catch (err) {
        if (err !== fail) throw err;
        return { committed: false, n: taken };
      }
    };

    // the first number is taken and rolled back on its own: it must be given out again
    const first = await attempt(true);
    expect(first).toEqual({ committed: false, n: 1 });
    const outcomes = await Promise.all(range(0, 24).map((i) => attempt(i % 3 === 0)));
    const committed = outcomes
      .filter((o) => o.committed)
      .map((o) => o.n)
      .sort((a, b) => a - b);
    expect(committed).toEqual(range(1, 16));
    expect(committed).toContain(first.n);
    // every number a rolled-back transaction saw is one that was (or will next be) given out
    for (const o of outcomes.filter((x) => !x.committed)) expect(o.n).toBeLessThanOrEqual(17);
    const [counter] = await db.select().from(invoiceCounters).where(eq(invoiceCounters.series, series));
    expect(counter!.lastNumber).toBe(16);
  });
});
