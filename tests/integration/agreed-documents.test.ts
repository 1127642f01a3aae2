/**
 * Documents show what the customer agreed to: the receipt (PDF and its e-mail) lists the agreed
 * lines only (a declined revised quote's lines and work not yet quoted are left out, with no
 * cancelling "Adjustment"), and the job ticket's signed total is the agreed price, with changes
 * waiting for approval shown apart from it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { emailMessages, repairOrders } from '@/server/db/schema';
import { formatMoney } from '@/features/pricing/money';
import { findOrder } from '@/features/repairs/server/lock-order';
import { getJobTicket } from '@/features/console/server/get-job-ticket';
import type { OrderLines } from '@/features/quotes/schemas';
import { readPdf } from '../pdf-text';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

const money = (minor: number) => formatMoney(minor, 'GBP');

describe.each(BACKENDS)('agreed lines on receipts and job tickets on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let tech: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer');
    tech = await createUser(app, 'technician', { shopSlug: 'london' });
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  const staff = (path: string, body?: unknown, method = 'POST') =>
    app.request(path, { method, headers: { cookie: tech.cookie }, json: body ?? {} });

  async function linesOf(order: BookedOrder) {
    const res = await app.request(`/api/staff/orders/${order.orderId}/lines`, {
      headers: { cookie: tech.cookie },
    });
    return (await res.json()) as OrderLines;
  }

  async function addLine(order: BookedOrder, description: string, unitMinor: number) {
    const res = await staff(`/api/staff/orders/${order.orderId}/lines`, {
      kind: 'part',
      description,
      quantity: 1,
      unitMinor,
    });
    expect(res.status).toBe(201);
  }

  async function sendQuote(order: BookedOrder) {
    const res = await staff(`/api/staff/orders/${order.orderId}/quotes`, { message: 'More work found.' });
    expect(res.status).toBe(201);
    return ((await res.json()) as OrderLines).quotes.find((q) => q.status === 'pending')!;
  }

  async function decide(order: BookedOrder, quoteId: string, decision: 'approve' | 'decline') {
    const res = await app.request(`/api/account/repairs/${order.reference}/quotes/${quoteId}/${decision}`, {
      method: 'POST',
      headers: { cookie: customer.cookie },
      json: {},
    });
    expect(res.status).toBe(200);
  }

  /** An express booking (with its urgency surcharge) of `customer`, in diagnosis with `tech`. */
  async function expressOrder() {
    const order = await bookOrder(app, { cookie: customer.cookie, overrides: { urgency: 'express' } });
    await app.handle.db
      .update(repairOrders)
      .set({ status: 'diagnosing', assignedTechnicianId: tech.id })
      .where(eq(repairOrders.id, order.orderId));
    return order;
  }

  async function ticketOf(order: BookedOrder) {
    return getJobTicket(app.handle.db, (await findOrder(app.handle.db, order.reference))!);
  }

  /** Pays the whole agreed total in cash at the counter; the receipt's PDF text and e-mail. */
  async function payAtCounter(order: BookedOrder, amountMinor: number) {
    const res = await app.request(`/api/staff/orders/${order.reference}/payments`, {
      method: 'POST',
      headers: { cookie: manager.cookie },
      json: { kind: 'cash', amountMinor },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const [booking] = await app.handle.db
      .select({ bookingId: repairOrders.bookingId })
      .from(repairOrders)
      .where(eq(repairOrders.id, order.orderId));
    const [mail] = await app.handle.db
      .select()
      .from(emailMessages)
      .where(
        and(eq(emailMessages.bookingId, booking!.bookingId!), eq(emailMessages.template, 'payment-receipt')),
      );
    return { mail: mail!, pdf: await readPdf(Buffer.from(mail!.attachments[0]!.content, 'base64')) };
  }

  it('a declined quote’s lines are not on the receipt, and there is no cancelling adjustment', async () => {
    const order = await expressOrder();
    const booked = await linesOf(order);
    const screen = booked.lines[0]!;
    expect(booked.surchargeMinor).toBeGreaterThan(0);
    await addLine(order, 'Battery (OEM)', 4500);
    const quote = await sendQuote(order);
    await decide(order, quote.id, 'decline');
    // the declined line is still among the working lines
    expect((await linesOf(order)).lines.map((l) => l.description)).toContain('Battery (OEM)');

    const { mail, pdf } = await payAtCounter(order, booked.agreedTotalMinor);
    expect(pdf.text).not.toContain('Battery');
    expect(pdf.text).not.toContain('Adjustment');
    expect(pdf.lines).toContain(
      `${screen.description} 1 ${money(screen.totalMinor)} ${money(screen.totalMinor)}`,
    );
    expect(pdf.lines).toContain(
      `Urgency surcharge (express) 1 ${money(booked.surchargeMinor)} ${money(booked.surchargeMinor)}`,
    );
    expect(pdf.lines).toContain(`Total (inc. VAT) ${money(booked.agreedTotalMinor)}`);
    expect(pdf.lines).toContain('Balance due £0.00');
    expect(mail.text).toContain(`Amount paid: ${money(booked.agreedTotalMinor)}`);
    expect(mail.text).not.toContain('Battery');

    const ticket = await ticketOf(order);
    expect(ticket.lines.map((l) => l.description)).toEqual([screen.description]);
    expect(ticket.agreedTotalMinor).toBe(booked.agreedTotalMinor);
    expect(ticket.pending).toMatchObject({
      added: [{ description: 'Battery (OEM)', totalMinor: 4500 }],
      removed: [],
      totalMinor: booked.agreedTotalMinor + 4500,
      awaitingApproval: false,
    });
  });

  it('after an approved quote the receipt lists its lines; work added since is left out', async () => {
    const order = await expressOrder();
    const booked = await linesOf(order);
    const screen = booked.lines[0]!;
    await addLine(order, 'Battery (OEM)', 4500);
    await decide(order, (await sendQuote(order)).id, 'decline');
    // the shop takes the battery out, finds a broken charging port and quotes again
    const battery = (await linesOf(order)).lines.find((l) => l.description === 'Battery (OEM)')!;
    const removed = await app.request(`/api/staff/orders/${order.orderId}/lines/${battery.id}`, {
      method: 'DELETE',
      headers: { cookie: tech.cookie },
    });
    expect(removed.status).toBe(200);
    await addLine(order, 'Charging port', 3000);
    const second = await sendQuote(order);
    await decide(order, second.id, 'approve');
    const agreed = booked.agreedTotalMinor + 3000;
    expect(second.totalMinor).toBe(agreed);
    // a further part, not quoted to the customer yet
    await addLine(order, 'Speaker mesh', 800);

    const { pdf } = await payAtCounter(order, agreed);
    expect(pdf.lines).toContain(`Charging port 1 ${money(3000)} ${money(3000)}`);
    for (const left of ['Battery', 'Speaker mesh', 'Adjustment']) expect(pdf.text).not.toContain(left);
    expect(pdf.lines).toContain(`Total (inc. VAT) ${money(agreed)}`);
    expect(pdf.lines).toContain('Balance due £0.00');

    const ticket = await ticketOf(order);
    expect(ticket.lines.map((l) => l.description)).toEqual([screen.description, 'Charging port']);
    expect(ticket.agreedTotalMinor).toBe(agreed);
    expect(ticket.pending).toMatchObject({
      added: [{ description: 'Speaker mesh' }],
      totalMinor: agreed + 800,
    });
  });

  it('the ticket keeps a pending revised quote apart from the agreed total', async () => {
    const order = await expressOrder();
    const booked = await linesOf(order);
    expect(await ticketOf(order)).toMatchObject({
      agreedTotalMinor: booked.agreedTotalMinor,
      pending: null,
    });
    await addLine(order, 'Back glass', 6000);
    await sendQuote(order);
    const ticket = await ticketOf(order);
    expect(ticket.agreedTotalMinor).toBe(booked.agreedTotalMinor);
    expect(ticket.lines.map((l) => l.description)).not.toContain('Back glass');
    expect(ticket.lines.reduce((s, l) => s + l.totalMinor, ticket.surchargeMinor)).toBe(
      ticket.agreedTotalMinor,
    );
    expect(ticket.pending).toMatchObject({
      added: [{ description: 'Back glass', totalMinor: 6000 }],
      totalMinor: booked.agreedTotalMinor + 6000,
      awaitingApproval: true,
    });
  });
});
