/**
 * Parts/labour lines and revised quotes through the HTTP API: staff add lines and send a quote,
 * the order waits for approval, the customer (signed in, or holding the tracking link) approves
 * or declines and the order moves on. Who may do what, and what the customer may see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import {
  emailMessages,
  notifications,
  repairOrderEvents,
  repairOrders,
  repairQuotes,
} from '@/server/db/schema';
import { signedTrackingToken } from '@/features/repairs/server/tracking';
import type { CustomerQuotes, OrderLines } from '@/features/quotes/schemas';
import { BACKENDS, startApp, type TestApp } from './harness';
import { bookOrder, createUser, type BookedOrder, type TestUser } from './fixtures';

describe.each(BACKENDS)('revised quotes on $name', (backend) => {
  let app: TestApp;
  let customer: TestUser;
  let otherCustomer: TestUser;
  let tech: TestUser;
  let otherTech: TestUser;
  let manager: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    customer = await createUser(app, 'customer', { name: 'Cara Customer' });
    otherCustomer = await createUser(app, 'customer');
    tech = await createUser(app, 'technician', { shopSlug: 'london', name: 'Tess Tech' });
    otherTech = await createUser(app, 'technician', { shopSlug: 'london' });
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
  });
  afterAll(() => app.close());

  /** A booked order of `customer`, assigned to `tech` and moved to `status` (as the staff API would). */
  async function orderIn(status: string, opts: { assigned?: boolean; cookie?: string } = {}) {
    const order = await bookOrder(app, { cookie: opts.cookie ?? customer.cookie });
    await app.handle.db
      .update(repairOrders)
      .set({ status, assignedTechnicianId: opts.assigned === false ? null : tech.id })
      .where(eq(repairOrders.id, order.orderId));
    return order;
  }

  const as = (u: TestUser | null): Record<string, string> => (u ? { cookie: u.cookie } : {});

  async function lines(order: BookedOrder, who: TestUser = tech) {
    const res = await app.request(`/api/staff/orders/${order.orderId}/lines`, { headers: as(who) });
    expect(res.status).toBe(200);
    return (await res.json()) as OrderLines;
  }

  function addLine(order: BookedOrder, who: TestUser | null, body: unknown) {
    return app.request(`/api/staff/orders/${order.orderId}/lines`, {
      method: 'POST',
      headers: as(who),
      json: body,
    });
  }

  const battery = { kind: 'part', description: 'Battery (OEM)', quantity: 1, unitMinor: 4500 };
  const labour = { kind: 'labour', description: 'Board-level repair', quantity: 2, unitMinor: 3000 };

  async function sendQuote(order: BookedOrder, message = 'The battery is swollen and must be replaced.') {
    const res = await app.request(`/api/staff/orders/${order.orderId}/quotes`, {
      method: 'POST',
      headers: as(tech),
      json: { message },
    });
    return res;
  }

  async function orderRow(order: BookedOrder) {
    const [row] = await app.handle.db.select().from(repairOrders).where(eq(repairOrders.id, order.orderId));
    return row!;
  }

  async function events(order: BookedOrder) {
    return app.handle.db
      .select()
      .from(repairOrderEvents)
      .where(eq(repairOrderEvents.orderId, order.orderId))
      .orderBy(asc(repairOrderEvents.id));
  }

  async function accountQuotes(order: BookedOrder, who: TestUser = customer) {
    return app.request(`/api/account/repairs/${order.reference}/quotes`, { headers: as(who) });
  }

  async function trackQuotes(order: BookedOrder, token = order.trackingToken) {
    return app.request(`/api/track/${order.reference}/quotes?token=${encodeURIComponent(token)}`);
  }

  describe('lines', () => {
    it('lists the booked repair with totals, the VAT part and the agreed total', async () => {
      const order = await orderIn('diagnosing');
      const l = await lines(order);
      expect(l.reference).toBe(order.reference);
      expect(l.lines).toHaveLength(1);
      expect(l.lines[0]).toMatchObject({ kind: 'repair', quantity: 1 });
      expect(l.totalMinor).toBe(l.agreedTotalMinor);
      expect(l.differenceMinor).toBe(0);
      expect(l.netMinor + l.vatMinor).toBe(l.totalMinor);
      expect(l.vatRateBp).toBe(2000);
      expect(l.vatMinor).toBe(l.totalMinor - Math.round((l.totalMinor * 10000) / 12000));
      expect(l.canEdit).toBe(true);
      expect(l.canSendQuote).toBe(true);
      expect(l.quotes).toEqual([]);
      // read-only for another technician, not for customers at all
      expect((await lines(order, otherTech)).canEdit).toBe(false);
      const asCustomer = await app.request(`/api/staff/orders/${order.orderId}/lines`, {
        headers: as(customer),
      });
      expect(asCustomer.status).toBe(403);
    });

    it('adds and removes part and labour lines, each with an internal timeline event', async () => {
      const order = await orderIn('diagnosing');
      const before = await lines(order);
      const added = await addLine(order, tech, battery);
      expect(added.status).toBe(201);
      const afterPart = (await added.json()) as OrderLines;
      const res2 = await addLine(order, tech, labour);
      const after = (await res2.json()) as OrderLines;
      expect(after.lines.map((l) => l.kind)).toEqual(['repair', 'part', 'labour']);
      expect(after.lines[2]).toMatchObject({ quantity: 2, unitMinor: 3000, totalMinor: 6000 });
      expect(after.lines[1]!.createdByName).toBe('Tess Tech');
      expect(after.totalMinor).toBe(before.totalMinor + 4500 + 6000);
      expect(after.differenceMinor).toBe(10500);
      expect(after.netMinor + after.vatMinor).toBe(after.totalMinor);

      const partId = afterPart.lines[1]!.id;
      const removed = await app.request(`/api/staff/orders/${order.orderId}/lines/${partId}`, {
        method: 'DELETE',
        headers: as(tech),
      });
      expect(removed.status).toBe(200);
      const final = (await removed.json()) as OrderLines;
      expect(final.lines.map((l) => l.kind)).toEqual(['repair', 'labour']);
      expect(final.totalMinor).toBe(before.totalMinor + 6000);

      const ev = await events(order);
      const lineEvents = ev.filter((e) => e.type.startsWith('line_'));
      expect(lineEvents.map((e) => [e.type, e.visibility, e.actorUserId])).toEqual([
        ['line_added', 'internal', tech.id],
        ['line_added', 'internal', tech.id],
        ['line_removed', 'internal', tech.id],
      ]);
      expect(lineEvents[2]!.data).toMatchObject({ lineId: partId, description: 'Battery (OEM)' });
      // gone already, or never this order's: 404
      const again = await app.request(`/api/staff/orders/${order.orderId}/lines/${partId}`, {
        method: 'DELETE',
        headers: as(tech),
      });
      expect(again.status).toBe(404);
    });

    it('answers 422 with field messages for bad lines', async () => {
      const order = await orderIn('diagnosing');
      const res = await addLine(order, tech, {
        kind: 'repair',
        description: '   ',
        quantity: 0,
        unitMinor: -1,
      });
      expect(res.status).toBe(422);
      const body = (await res.json()) as { errors: Array<{ path: string }> };
      expect(body.errors.map((e) => e.path).sort()).toEqual(['description', 'kind', 'quantity', 'unitMinor']);
      for (const bad of [
        { ...battery, quantity: 100 },
        { ...battery, unitMinor: 10_000_001 },
        { ...battery, quantity: 1.5 },
        { ...battery, description: 'x'.repeat(201) },
      ]) {
        expect((await addLine(order, tech, bad)).status).toBe(422);
      }
      expect((await lines(order)).lines).toHaveLength(1);
    });

    it('lets only the assigned technician or a manager change lines', async () => {
      const order = await orderIn('diagnosing');
      const denied = await addLine(order, otherTech, battery);
      expect(denied.status).toBe(403);
      expect((await addLine(order, customer, battery)).status).toBe(403);
      expect((await addLine(order, null, battery)).status).toBe(401);
      expect((await addLine(order, manager, battery)).status).toBe(201);
      const l = await lines(order);
      const del = await app.request(`/api/staff/orders/${order.orderId}/lines/${l.lines[1]!.id}`, {
        method: 'DELETE',
        headers: as(otherTech),
      });
      expect(del.status).toBe(403);
      expect((await lines(order)).lines).toHaveLength(2);
      // an unknown order is 404 for staff
      const unknown = await app.request('/api/staff/orders/RT-ZZZZZZ/lines', {
        method: 'POST',
        headers: as(tech),
        json: battery,
      });
      expect(unknown.status).toBe(404);
    });

    it('refuses changes on collected or cancelled orders (409)', async () => {
      for (const status of ['collected', 'cancelled']) {
        const order = await orderIn(status);
        expect((await addLine(order, tech, battery)).status).toBe(409);
        const l = await lines(order);
        expect(l.locked).toBe('terminal');
        const del = await app.request(`/api/staff/orders/${order.orderId}/lines/${l.lines[0]!.id}`, {
          method: 'DELETE',
          headers: as(tech),
        });
        expect(del.status).toBe(409);
      }
    });
  });

  describe('sending a revised quote', () => {
    it('snapshots the lines, moves the order to awaiting approval and tells the customer', async () => {
      const order = await orderIn('diagnosing');
      await addLine(order, tech, battery);
      const before = await lines(order);
      const res = await sendQuote(order);
      expect(res.status).toBe(201);
      const after = (await res.json()) as OrderLines;
      expect(after.status).toBe('awaiting_approval');
      expect(after.locked).toBe('pending_quote');
      expect(after.canSendQuote).toBe(false);
      expect(after.quotes).toHaveLength(1);
      const q = after.quotes[0]!;
      expect(q).toMatchObject({
        version: 1,
        status: 'pending',
        totalMinor: before.totalMinor,
        vatMinor: before.vatMinor,
        previousTotalMinor: before.agreedTotalMinor,
        differenceMinor: 4500,
        message: 'The battery is swollen and must be replaced.',
        sentByName: 'Tess Tech',
        canDecide: true,
      });
      expect(q.lines.map((l) => l.description)).toEqual([before.lines[0]!.description, 'Battery (OEM)']);

      const ev = await events(order);
      const sent = ev.find((e) => e.type === 'quote_sent')!;
      expect(sent.visibility).toBe('customer');
      expect(sent.data).toMatchObject({ quoteId: q.id, version: 1, totalMinor: q.totalMinor });
      const status = ev.at(-1)!;
      expect(status).toMatchObject({
        type: 'status_changed',
        fromStatus: 'diagnosing',
        toStatus: 'awaiting_approval',
        message: 'The battery is swollen and must be replaced.',
      });
      // the public timeline shows it; the customer has an e-mail and a notification
      const track = (await (
        await app.request(`/api/track/${order.reference}?token=${encodeURIComponent(order.trackingToken)}`)
      ).json()) as { status: string; timeline: Array<{ type: string }> };
      expect(track.status).toBe('awaiting_approval');
      expect(track.timeline.map((e) => e.type)).toContain('quote_sent');
      expect(track.timeline.map((e) => e.type)).not.toContain('line_added');
      const [note] = await app.handle.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, customer.id), eq(notifications.orderId, order.orderId)));
      expect(note?.type).toBe('status_changed');
      const mails = await app.handle.db
        .select()
        .from(emailMessages)
        .where(eq(emailMessages.template, 'status-update'));
      expect(mails.some((m) => JSON.stringify(m).includes(order.reference))).toBe(true);

      // lines are frozen while the customer decides, and a second quote is refused
      expect((await addLine(order, tech, labour)).status).toBe(409);
      expect((await sendQuote(order)).status).toBe(409);
      const quotes = await app.handle.db
        .select()
        .from(repairQuotes)
        .where(eq(repairQuotes.orderId, order.orderId));
      expect(quotes).toHaveLength(1);
    });

    it('sends from repairing with the message as the reason, but not from other statuses', async () => {
      const order = await orderIn('repairing');
      await addLine(order, tech, labour);
      const res = await sendQuote(order, 'A second fault was found on the board.');
      expect(res.status).toBe(201);
      const status = (await events(order)).at(-1)!;
      expect(status).toMatchObject({ fromStatus: 'repairing', toStatus: 'awaiting_approval' });
      expect(status.message).toBe('A second fault was found on the board.');

      for (const s of ['booked', 'received', 'quality_check', 'collected']) {
        const other = await orderIn(s);
        expect((await sendQuote(other)).status, s).toBe(409);
      }
      const empty = await orderIn('diagnosing');
      expect((await sendQuote(empty, '  ')).status).toBe(422);
      // only the assigned technician or a manager sends
      const notMine = await app.request(`/api/staff/orders/${empty.orderId}/quotes`, {
        method: 'POST',
        headers: as(otherTech),
        json: { message: 'Hello' },
      });
      expect(notMine.status).toBe(403);
    });

    it('withdraws a pending quote: the order returns to diagnosing and nobody can decide it', async () => {
      const order = await orderIn('diagnosing');
      await addLine(order, tech, battery);
      const sent = (await (await sendQuote(order)).json()) as OrderLines;
      const quoteId = sent.quotes[0]!.id;
      const denied = await app.request(`/api/staff/orders/${order.orderId}/quotes/${quoteId}/withdraw`, {
        method: 'POST',
        headers: as(otherTech),
      });
      expect(denied.status).toBe(403);
      const res = await app.request(`/api/staff/orders/${order.orderId}/quotes/${quoteId}/withdraw`, {
        method: 'POST',
        headers: as(manager),
      });
      expect(res.status).toBe(200);
      const after = (await res.json()) as OrderLines;
      expect(after.status).toBe('diagnosing');
      expect(after.quotes[0]).toMatchObject({ status: 'withdrawn', canDecide: false });
      expect(after.locked).toBeNull();
      const approve = await app.request(`/api/account/repairs/${order.reference}/quotes/${quoteId}/approve`, {
        method: 'POST',
        headers: as(customer),
        json: {},
      });
      expect(approve.status).toBe(409);
      const again = await app.request(`/api/staff/orders/${order.orderId}/quotes/${quoteId}/withdraw`, {
        method: 'POST',
        headers: as(manager),
      });
      expect(again.status).toBe(409);
    });
  });

  describe('the customer decides', () => {
    async function pendingQuote(opts: { cookie?: string } = {}) {
      const order = await orderIn('diagnosing', opts);
      await addLine(order, tech, battery);
      const sent = (await (await sendQuote(order)).json()) as OrderLines;
      return { order, quote: sent.quotes[0]!, agreedBefore: sent.agreedTotalMinor };
    }

    it('shows the owner the pending quote, and nothing internal', async () => {
      const { order, quote, agreedBefore } = await pendingQuote();
      const res = await accountQuotes(order);
      expect(res.status).toBe(200);
      const body = (await res.json()) as CustomerQuotes;
      expect(body).toMatchObject({ reference: order.reference, status: 'awaiting_approval' });
      expect(body.agreedTotalMinor).toBe(agreedBefore);
      expect(body.quotes[0]).toMatchObject({
        id: quote.id,
        status: 'pending',
        totalMinor: agreedBefore + 4500,
        previousTotalMinor: agreedBefore,
        differenceMinor: 4500,
        canDecide: true,
      });
      const text = JSON.stringify(body);
      for (const secret of [
        tech.id,
        tech.email,
        'Tess Tech',
        'sentBy',
        'createdBy',
        order.orderId,
        'line_added',
      ]) {
        expect(text).not.toContain(secret);
      }
      // the same through the tracking link
      const viaLink = (await (await trackQuotes(order)).json()) as CustomerQuotes;
      expect(viaLink).toEqual(body);
    });

    it('approve by the owner: the order continues at the new agreed total', async () => {
      const { order, quote } = await pendingQuote();
      const res = await app.request(`/api/account/repairs/${order.reference}/quotes/${quote.id}/approve`, {
        method: 'POST',
        headers: as(customer),
        json: {},
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as CustomerQuotes;
      expect(body.status).toBe('repairing');
      expect(body.agreedTotalMinor).toBe(quote.totalMinor);
      expect(body.quotes[0]).toMatchObject({ status: 'approved', canDecide: false });
      const row = await orderRow(order);
      expect(row.status).toBe('repairing');
      expect(row.agreedTotalMinor).toBe(quote.totalMinor);
      const ev = await events(order);
      expect(ev.slice(-2).map((e) => [e.type, e.actorRole, e.actorUserId, e.visibility])).toEqual([
        ['quote_approved', 'customer', customer.id, 'customer'],
        ['status_changed', 'customer', customer.id, 'customer'],
      ]);
      expect(ev.at(-1)).toMatchObject({ fromStatus: 'awaiting_approval', toStatus: 'repairing' });
      // the technician hears about it
      const [n] = await app.handle.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, tech.id), eq(notifications.orderId, order.orderId)));
      expect(n).toMatchObject({ type: 'quote_decided', reference: order.reference });
      expect(n!.data).toMatchObject({ decision: 'approved', quoteId: quote.id });
      // deciding twice is a conflict, either way in
      for (const path of [
        `/api/account/repairs/${order.reference}/quotes/${quote.id}/approve`,
        `/api/account/repairs/${order.reference}/quotes/${quote.id}/decline`,
      ]) {
        const again = await app.request(path, { method: 'POST', headers: as(customer), json: {} });
        expect(again.status).toBe(409);
      }
      const viaLink = await app.request(`/api/track/${order.reference}/quotes/${quote.id}/decline`, {
        method: 'POST',
        json: { token: order.trackingToken },
      });
      expect(viaLink.status).toBe(409);
      // the staff view agrees
      const l = await lines(order);
      expect(l.agreedTotalMinor).toBe(quote.totalMinor);
      expect(l.differenceMinor).toBe(0);
    });

    it('approve by the tracking-link holder (a guest), with the booking token or a signed one', async () => {
      const guest = await pendingQuote({ cookie: '' });
      const res = await app.request(`/api/track/${guest.order.reference}/quotes/${guest.quote.id}/approve`, {
        method: 'POST',
        json: { token: guest.order.trackingToken },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as CustomerQuotes).status).toBe('repairing');
      const ev = await events(guest.order);
      expect(ev.at(-2)).toMatchObject({ type: 'quote_approved', actor: 'customer', actorUserId: null });

      const signed = await pendingQuote();
      const res2 = await app.request(
        `/api/track/${signed.order.reference}/quotes/${signed.quote.id}/approve`,
        {
          method: 'POST',
          json: { token: signedTrackingToken(signed.order.reference) },
        },
      );
      expect(res2.status).toBe(200);
    });

    it('decline: the order returns to diagnosing with the reason and the note; a new quote can follow', async () => {
      const { order, quote, agreedBefore } = await pendingQuote({ cookie: '' });
      const res = await app.request(`/api/track/${order.reference}/quotes/${quote.id}/decline`, {
        method: 'POST',
        json: { token: order.trackingToken, note: 'Too expensive, just the screen please.' },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as CustomerQuotes;
      expect(body.status).toBe('diagnosing');
      expect(body.agreedTotalMinor).toBe(agreedBefore);
      expect(body.quotes[0]).toMatchObject({
        status: 'declined',
        decisionNote: 'Too expensive, just the screen please.',
      });
      const row = await orderRow(order);
      expect(row).toMatchObject({ status: 'diagnosing', agreedTotalMinor: agreedBefore });
      const last = (await events(order)).at(-1)!;
      expect(last).toMatchObject({ fromStatus: 'awaiting_approval', toStatus: 'diagnosing' });
      expect(last.message).toBe(
        'Customer declined the revised quote: Too expensive, just the screen please.',
      );
      // the assigned technician is told
      expect(
        await app.handle.db
          .select()
          .from(notifications)
          .where(
            and(
              eq(notifications.userId, tech.id),
              eq(notifications.type, 'quote_decided'),
              eq(notifications.orderId, order.orderId),
            ),
          ),
      ).toHaveLength(1);

      // the shop removes the battery and sends version 2 against the same agreed total
      const l = await lines(order);
      await app.request(`/api/staff/orders/${order.orderId}/lines/${l.lines[1]!.id}`, {
        method: 'DELETE',
        headers: as(tech),
      });
      await addLine(order, tech, { kind: 'labour', description: 'Cleaning', quantity: 1, unitMinor: 1000 });
      const v2 = (await (await sendQuote(order, 'Cleaning only, no battery.')).json()) as OrderLines;
      expect(v2.quotes.map((q) => [q.version, q.status])).toEqual([
        [2, 'pending'],
        [1, 'declined'],
      ]);
      expect(v2.quotes[0]).toMatchObject({ previousTotalMinor: agreedBefore, differenceMinor: 1000 });
    });

    it('says a decision is current only until the repair moves on (no stale "the shop will contact you")', async () => {
      const { order, quote } = await pendingQuote({ cookie: '' });
      expect(((await (await trackQuotes(order)).json()) as CustomerQuotes).decisionCurrent).toBe(false);
      const res = await app.request(`/api/track/${order.reference}/quotes/${quote.id}/decline`, {
        method: 'POST',
        json: { token: order.trackingToken },
      });
      expect(((await res.json()) as CustomerQuotes).decisionCurrent).toBe(true);
      expect(((await (await trackQuotes(order)).json()) as CustomerQuotes).decisionCurrent).toBe(true);

      // the shop repairs it as first agreed, and the customer collects it
      for (const to of ['repairing', 'quality_check']) {
        const moved = await app.request(`/api/staff/orders/${order.orderId}/status`, {
          method: 'POST',
          headers: as(tech),
          json: { to },
        });
        expect(moved.status, await moved.text()).toBe(200);
        const after = (await (await trackQuotes(order)).json()) as CustomerQuotes;
        expect(after.quotes[0]!.status).toBe('declined');
        expect(after.decisionCurrent).toBe(false);
      }
    });

    it('tells managers when nobody is assigned', async () => {
      const order = await orderIn('diagnosing', { assigned: false });
      await addLine(order, manager, battery);
      const sent = await app.request(`/api/staff/orders/${order.orderId}/quotes`, {
        method: 'POST',
        headers: as(manager),
        json: { message: 'Battery too' },
      });
      const quote = ((await sent.json()) as OrderLines).quotes[0]!;
      await app.request(`/api/account/repairs/${order.reference}/quotes/${quote.id}/decline`, {
        method: 'POST',
        headers: as(customer),
        json: {},
      });
      const notes = await app.handle.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.orderId, order.orderId), eq(notifications.type, 'quote_decided')));
      expect(notes.map((n) => n.userId)).toContain(manager.id);
      expect(notes.map((n) => n.userId)).not.toContain(tech.id);
      expect((await orderRow(order)).status).toBe('diagnosing');
      const last = (await events(order)).at(-1)!;
      expect(last.message).toBe('Customer declined the revised quote');
    });

    it('never reveals an order to another customer, staff on the account routes, or a wrong token', async () => {
      const { order, quote } = await pendingQuote();
      for (const who of [otherCustomer, tech, manager]) {
        expect((await accountQuotes(order, who)).status).toBe(404);
        const res = await app.request(`/api/account/repairs/${order.reference}/quotes/${quote.id}/approve`, {
          method: 'POST',
          headers: as(who),
          json: {},
        });
        expect(res.status).toBe(404);
        expect(await res.text()).not.toContain(order.orderId);
      }
      expect((await accountQuotes({ ...order, reference: 'RT-ZZZZZZ' })).status).toBe(404);
      expect((await trackQuotes(order, 'wrong-token')).status).toBe(404);
      expect((await trackQuotes(order, signedTrackingToken('RT-222222'))).status).toBe(404);
      expect((await app.request(`/api/track/${order.reference}/quotes`)).status).toBe(404);
      for (const decision of ['approve', 'decline']) {
        const res = await app.request(`/api/track/${order.reference}/quotes/${quote.id}/${decision}`, {
          method: 'POST',
          json: { token: 'wrong-token' },
        });
        expect(res.status).toBe(404);
      }
      // another order's quote id through this order's link: 404
      const other = await pendingQuote();
      const crossed = await app.request(`/api/track/${order.reference}/quotes/${other.quote.id}/approve`, {
        method: 'POST',
        json: { token: order.trackingToken },
      });
      expect(crossed.status).toBe(404);
      expect((await orderRow(order)).status).toBe('awaiting_approval');
      expect((await orderRow(other.order)).status).toBe('awaiting_approval');
    });

    it('two decisions at once: exactly one wins', async () => {
      const { order, quote } = await pendingQuote();
      const results = await Promise.all([
        app.request(`/api/account/repairs/${order.reference}/quotes/${quote.id}/approve`, {
          method: 'POST',
          headers: as(customer),
          json: {},
        }),
        app.request(`/api/track/${order.reference}/quotes/${quote.id}/decline`, {
          method: 'POST',
          json: { token: order.trackingToken },
        }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const decided = (await events(order)).filter(
        (e) => e.type.startsWith('quote_') && e.type !== 'quote_sent',
      );
      expect(decided).toHaveLength(1);
    });
  });
});
