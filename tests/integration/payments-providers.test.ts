/**
 * Stripe and PayPal through the HTTP API, with the real SDKs talking to local peers that answer
 * in the providers' wire formats (payment-peers.ts): what the SDKs send (amounts from the
 * server's quote, our payment id, idempotency keys, OAuth), webhooks signed the providers' way
 * (and refused when not), events delivered twice or out of order, syncing after the customer
 * confirmed or approved, and refunds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { getMessage } from '@/features/email/server/get-message';
import { emailMessages, invoices, paymentWebhookEvents, payments } from '@/server/db/schema';
import { setPaymentConfig } from '@/features/payments/server/config';
import type { PaymentView, StaffPaymentView } from '@/features/payments/schemas';
import { BACKENDS, bookingBody, freeSlot, type TestApp, startApp } from './harness';
import { createUser, type TestUser } from './fixtures';
import { formOf, startPayPalPeer, startStripePeer, type PayPalPeer, type StripePeer } from './payment-peers';

const STRIPE_SECRET = 'sk_test_51RevivaTechPeerKey';
const STRIPE_WEBHOOK_SECRET = 'whsec_revivatech_peer_secret';
const PAYPAL_CLIENT = 'AbRevivaTechClientId';
const PAYPAL_SECRET = 'EFRevivaTechClientSecret';
const PAYPAL_WEBHOOK = 'WH-8PT597110X687430LKGECATA';

interface Booked {
  id: string;
  reference: string;
  trackingToken: string;
  payment: PaymentView;
  quote: { totalMinor: number };
}

describe.each(BACKENDS)('payments through Stripe and PayPal (real SDKs, local peers) on $name', (backend) => {
  let app: TestApp;
  let stripe: StripePeer;
  let paypal: PayPalPeer;
  let manager: TestUser;
  let n = 0;

  const configure = (overrides: { stripeWebhook?: string | null; paypalWebhook?: string | null } = {}) =>
    setPaymentConfig({
      stripe: {
        secretKey: STRIPE_SECRET,
        publishableKey: 'pk_test_51RevivaTechPeerKey',
        webhookSecret:
          overrides.stripeWebhook === undefined ? STRIPE_WEBHOOK_SECRET : overrides.stripeWebhook,
        apiBase: stripe.url,
      },
      paypal: {
        clientId: PAYPAL_CLIENT,
        clientSecret: PAYPAL_SECRET,
        webhookId: overrides.paypalWebhook === undefined ? PAYPAL_WEBHOOK : overrides.paypalWebhook,
        environment: 'sandbox',
        apiBase: paypal.url,
      },
    });

  beforeAll(async () => {
    [stripe, paypal, app] = await Promise.all([
      startStripePeer({ secretKey: STRIPE_SECRET, webhookSecret: STRIPE_WEBHOOK_SECRET }),
      startPayPalPeer({ clientId: PAYPAL_CLIENT, clientSecret: PAYPAL_SECRET, webhookId: PAYPAL_WEBHOOK }),
      startApp(backend),
    ]);
    configure();
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
  });
  afterAll(async () => {
    setPaymentConfig(null);
    await app.close();
    await Promise.all([stripe.close(), paypal.close()]);
  });

  async function book(method: 'card' | 'paypal'): Promise<Booked> {
    n += 1;
    const res = await app.request('/api/bookings', {
      method: 'POST',
      headers: { 'idempotency-key': `providers-${backend.name}-${n}-${Date.now()}` },
      json: {
        ...bookingBody({
          paymentMethod: method,
          // a drop-off at the London shop, so its manager may refund it
          service: { type: 'drop_off', shopSlug: 'london', slotStartsAt: await freeSlot(app, 'london') },
          customer: { name: 'Pat Payer', email: `providers-${n}@example.com` },
        }),
        // never read: the amount is the server's quote
        amountMinor: 1,
      },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return (await res.json()) as Booked;
  }

  const row = async (paymentId: string) =>
    (await app.handle.db.select().from(payments).where(eq(payments.id, paymentId)))[0]!;
  const invoicesOf = (paymentId: string) =>
    app.handle.db.select().from(invoices).where(eq(invoices.paymentId, paymentId));
  const eventsOf = (paymentId: string) =>
    app.handle.db.select().from(paymentWebhookEvents).where(eq(paymentWebhookEvents.paymentId, paymentId));

  function deliver(path: 'stripe' | 'paypal', delivery: { body: string; headers: Record<string, string> }) {
    return app.request(`/api/payments/webhooks/${path}`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
  }
  async function outcome(res: Response) {
    expect(res.status, await res.clone().text()).toBe(200);
    return ((await res.json()) as { received: true; outcome: string }).outcome;
  }
  const sync = (b: Booked) =>
    app.request(`/api/payments/${b.payment.id}/sync`, { method: 'POST', json: { token: b.trackingToken } });
  const refund = (paymentId: string, amountMinor: number, key: string, reason = 'Screen part cheaper') =>
    app.request(`/api/staff/payments/${paymentId}/refunds`, {
      method: 'POST',
      headers: { cookie: manager.cookie, 'idempotency-key': key },
      json: { amountMinor, reason },
    });

  async function staffPayment(b: Booked) {
    const res = await app.request(`/api/staff/orders/${b.reference}/payments`, {
      headers: { cookie: manager.cookie },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { payments: StaffPaymentView[] };
    return body.payments.find((p) => p.id === b.payment.id)!;
  }

  describe('Stripe', () => {
    const piOf = (b: Booked) => stripe.intent(b.payment.clientSecret!.split('_secret_')[0]!);

    it('offers card through Stripe, with the publishable key, and PayPal', async () => {
      const res = await app.request('/api/payments/methods');
      const body = (await res.json()) as {
        methods: Array<{ id: string; provider: string; testMode: boolean }>;
        stripePublishableKey: string;
      };
      expect(body.methods.map((m) => [m.id, m.provider, m.testMode])).toEqual([
        ['card', 'stripe', true],
        ['paypal', 'paypal', true],
        ['collection', 'collection', false],
      ]);
      expect(body.stripePublishableKey).toBe('pk_test_51RevivaTechPeerKey');
    });

    it("a card booking makes a PaymentIntent for the server's quote; the client secret is Stripe's", async () => {
      const b = await book('card');
      expect(b.payment).toMatchObject({
        provider: 'stripe',
        status: 'pending',
        amountMinor: b.quote.totalMinor,
      });
      expect(b.quote.totalMinor).toBeGreaterThan(1);
      const sent = stripe.requests
        .filter((r) => r.method === 'POST' && r.path === '/v1/payment_intents')
        .at(-1)!;
      const form = formOf(sent.body);
      expect(form).toMatchObject({
        amount: String(b.quote.totalMinor),
        currency: 'gbp',
        'metadata[paymentId]': b.payment.id,
        'metadata[reference]': b.reference,
        'automatic_payment_methods[enabled]': 'true',
        receipt_email: `providers-${n}@example.com`,
        description: `Repair ${b.reference}`,
      });
      expect(sent.headers['idempotency-key']).toBe(`create-${b.payment.id}`);
      expect(sent.headers.authorization).toBe(`Bearer ${STRIPE_SECRET}`);
      const pi = piOf(b);
      expect(b.payment.clientSecret).toBe(pi.client_secret);
      expect((await row(b.payment.id)).providerPaymentId).toBe(pi.id);
    });

    it('a signed payment_intent.succeeded: paid, invoiced, confirmed; delivered twice it applies once', async () => {
      const b = await book('card');
      const email = `providers-${n}@example.com`;
      const mailsTo = () =>
        app.handle.db.select().from(emailMessages).where(eq(emailMessages.toAddress, email));
      expect(await mailsTo()).toHaveLength(0);
      const charge = stripe.confirm(piOf(b).id);
      const event = stripe.webhook('payment_intent.succeeded', piOf(b));
      expect(await outcome(await deliver('stripe', event))).toBe('applied');
      expect(await outcome(await deliver('stripe', event))).toBe('duplicate');
      const p = await row(b.payment.id);
      expect(p.status).toBe('succeeded');
      expect(await invoicesOf(b.payment.id)).toHaveLength(1);
      expect(await eventsOf(b.payment.id)).toHaveLength(1);
      const mails = await mailsTo();
      // the booking confirmation waited for the payment; it and the receipt are sent once
      expect(mails.map((m) => m.template).sort()).toEqual(['booking-confirmation', 'payment-receipt']);
      // rendered at delivery from the data stored with it: read as the admin view shows it
      const confirmation = mails.find((m) => m.template === 'booking-confirmation')!;
      expect((await getMessage(app.handle.db, confirmation.id))!.text).toContain('Paid');
      // charge.succeeded brings the card used
      expect(await outcome(await deliver('stripe', stripe.webhook('charge.succeeded', charge)))).toBe(
        'applied',
      );
      expect((await row(b.payment.id)).methodDetail).toBe('Visa •••• 4242');
      expect(await invoicesOf(b.payment.id)).toHaveLength(1);
    });

    it('a missing, wrong or stale signature is a 400 and changes nothing', async () => {
      const b = await book('card');
      stripe.confirm(piOf(b).id);
      const good = stripe.webhook('payment_intent.succeeded', piOf(b));
      const attempts = [
        { body: good.body, headers: { 'content-type': 'application/json' } },
        stripe.webhook('payment_intent.succeeded', piOf(b), { secret: 'whsec_someone_else' }),
        { body: good.body.replace('"livemode":false', '"livemode":true'), headers: good.headers },
        { body: good.body, headers: { ...good.headers, 'stripe-signature': 't=1700000000,v1=00ff' } },
      ];
      for (const attempt of attempts) {
        const res = await deliver('stripe', attempt);
        expect(res.status).toBe(400);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await row(b.payment.id)).status).toBe('pending');
      expect(await eventsOf(b.payment.id)).toHaveLength(0);
      expect(await invoicesOf(b.payment.id)).toHaveLength(0);
      // the genuine delivery still applies afterwards
      expect(await outcome(await deliver('stripe', good))).toBe('applied');
    });

    it('late events never move a paid payment back; unknown event types are acknowledged', async () => {
      const b = await book('card');
      const pi = piOf(b);
      stripe.confirm(pi.id);
      expect(await outcome(await deliver('stripe', stripe.webhook('payment_intent.succeeded', pi)))).toBe(
        'applied',
      );
      const late = [
        stripe.webhook('payment_intent.processing', { ...pi, status: 'processing' }),
        stripe.webhook('payment_intent.requires_action', { ...pi, status: 'requires_action' }),
        stripe.webhook('payment_intent.payment_failed', {
          ...pi,
          status: 'requires_payment_method',
          last_payment_error: { type: 'card_error', code: 'card_declined', message: 'Declined' },
        }),
      ];
      for (const event of late) expect(await outcome(await deliver('stripe', event))).toBe('unchanged');
      expect(await row(b.payment.id)).toMatchObject({ status: 'succeeded', failureMessage: null });
      expect(
        await outcome(await deliver('stripe', stripe.webhook('customer.created', { id: 'cus_1' }))),
      ).toBe('ignored');
    });

    it('refunds reported by Stripe: partial, then full; an earlier total arriving late never lowers it', async () => {
      const b = await book('card');
      const pi = piOf(b);
      stripe.confirm(pi.id);
      await deliver('stripe', stripe.webhook('payment_intent.succeeded', pi));
      const total = b.quote.totalMinor;
      const charge = stripe.charge(pi.id);
      const partial = stripe.webhook('charge.refunded', { ...charge, amount_refunded: 1000 });
      const full = stripe.webhook('charge.refunded', { ...charge, amount_refunded: total, refunded: true });
      expect(await outcome(await deliver('stripe', partial))).toBe('applied');
      expect(await row(b.payment.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 1000 });
      expect(await outcome(await deliver('stripe', full))).toBe('applied');
      expect(await row(b.payment.id)).toMatchObject({ status: 'refunded', refundedMinor: total });
      // the first event redelivered, and another event carrying the older total
      expect(await outcome(await deliver('stripe', partial))).toBe('duplicate');
      const stale = stripe.webhook('charge.refunded', { ...charge, amount_refunded: 1000 });
      expect(await outcome(await deliver('stripe', stale))).toBe('unchanged');
      expect(await row(b.payment.id)).toMatchObject({ status: 'refunded', refundedMinor: total });
    });

    it('sync after the customer confirmed reads the intent from Stripe: paid, with the card', async () => {
      const b = await book('card');
      const before = await sync(b);
      expect(((await before.json()) as PaymentView).status).toBe('pending');
      stripe.confirm(piOf(b).id, { brand: 'mastercard', last4: '4444' });
      const res = await sync(b);
      expect(res.status).toBe(200);
      const view = (await res.json()) as PaymentView;
      expect(view).toMatchObject({ status: 'succeeded', methodDetail: 'Mastercard •••• 4444' });
      expect(view.invoice?.number).toBeTruthy();
      const read = stripe.requests.filter(
        (r) => r.method === 'GET' && r.path === `/v1/payment_intents/${piOf(b).id}`,
      );
      expect(read.length).toBeGreaterThanOrEqual(2);
      expect([...read.at(-1)!.query.values()]).toContain('latest_charge');
      // the webhook arriving after the sync changes nothing
      expect(
        await outcome(await deliver('stripe', stripe.webhook('payment_intent.succeeded', piOf(b)))),
      ).toBe('unchanged');
      expect(await invoicesOf(b.payment.id)).toHaveLength(1);
    });

    it("a declined card: sync marks the payment failed with Stripe's message", async () => {
      const b = await book('card');
      stripe.decline(piOf(b).id);
      const view = (await (await sync(b)).json()) as PaymentView;
      expect(view).toMatchObject({ status: 'failed', failureMessage: 'Your card has insufficient funds.' });
    });

    it('staff refund through Stripe: the amount and an idempotency key reach /v1/refunds', async () => {
      const b = await book('card');
      stripe.confirm(piOf(b).id);
      await sync(b);
      const key = `stripe-refund-${backend.name}-${Date.now()}`;
      const refundsSent = () =>
        stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
      const before = refundsSent().length;
      const res = await refund(b.payment.id, 1500, key);
      expect(res.status).toBe(201);
      expect((await res.json()) as StaffPaymentView).toMatchObject({
        status: 'partially_refunded',
        refundedMinor: 1500,
      });
      const sent = refundsSent();
      expect(sent).toHaveLength(before + 1);
      const form = formOf(sent.at(-1)!.body);
      expect(form).toMatchObject({
        payment_intent: piOf(b).id,
        amount: '1500',
        reason: 'requested_by_customer',
        'metadata[paymentId]': b.payment.id,
        'metadata[reason]': 'Screen part cheaper',
      });
      expect(sent.at(-1)!.headers['idempotency-key']).toMatch(/^refund-[0-9a-f-]{36}$/);
      // the same request again refunds once
      expect((await refund(b.payment.id, 1500, key)).status).toBe(201);
      expect(refundsSent()).toHaveLength(before + 1);
      // Stripe's charge.refunded for it changes nothing
      const charge = stripe.charge(piOf(b).id);
      expect(await outcome(await deliver('stripe', stripe.webhook('charge.refunded', charge)))).toBe(
        'unchanged',
      );
      // a refund made in Stripe's dashboard arrives as charge.refund.updated: the total is read from Stripe
      const dashboard = stripe.refundInDashboard(piOf(b).id, 500);
      expect(await outcome(await deliver('stripe', stripe.webhook('charge.refund.updated', dashboard)))).toBe(
        'applied',
      );
      expect(await row(b.payment.id)).toMatchObject({ status: 'partially_refunded', refundedMinor: 2000 });
    });
    it('a refund Stripe holds as pending counts once charge.refund.updated says it succeeded', async () => {
      const b = await book('card');
      stripe.confirm(piOf(b).id);
      await sync(b);
      stripe.holdNextRefund();
      const res = await refund(b.payment.id, 1200, `stripe-pending-${backend.name}-${Date.now()}`);
      expect(res.status).toBe(201);
      const view = (await res.json()) as StaffPaymentView;
      expect(view).toMatchObject({ status: 'succeeded', refundedMinor: 0 });
      expect(view.refunds.map((r) => [r.amountMinor, r.status])).toEqual([[1200, 'pending']]);
      // what is pending cannot be refunded a second time
      const tooMuch = await refund(b.payment.id, b.quote.totalMinor - 1200 + 1, `stripe-more-${Date.now()}`);
      expect(tooMuch.status).toBe(422);
      const done = stripe.completeRefund(stripe.refunds().at(-1)!.id);
      const event = stripe.webhook('charge.refund.updated', done);
      expect(await outcome(await deliver('stripe', event))).toBe('applied');
      expect(await outcome(await deliver('stripe', event))).toBe('duplicate');
      const after = await staffPayment(b);
      expect(after).toMatchObject({ status: 'partially_refunded', refundedMinor: 1200 });
      expect(after.refunds.map((r) => [r.amountMinor, r.status])).toEqual([[1200, 'succeeded']]);
    });
  });

  describe('PayPal', () => {
    const orderOf = async (b: Booked) => paypal.order((await row(b.payment.id)).providerPaymentId!);

    it('a PayPal booking creates an order for the quote; the approve link is PayPal’s', async () => {
      const b = await book('paypal');
      expect(b.payment).toMatchObject({
        provider: 'paypal',
        status: 'pending',
        amountMinor: b.quote.totalMinor,
      });
      const token = paypal.requests.filter((r) => r.path === '/v1/oauth2/token');
      expect(token.length).toBeGreaterThanOrEqual(1);
      expect(token[0]!.headers.authorization).toBe(
        `Basic ${Buffer.from(`${PAYPAL_CLIENT}:${PAYPAL_SECRET}`).toString('base64')}`,
      );
      expect(formOf(token[0]!.body).grant_type).toBe('client_credentials');
      const sent = paypal.requests
        .filter((r) => r.method === 'POST' && r.path === '/v2/checkout/orders')
        .at(-1)!;
      expect(sent.headers.authorization).toMatch(/^Bearer A21AA/);
      expect(sent.headers['paypal-request-id']).toBe(`create-${b.payment.id}`);
      const body = JSON.parse(sent.body) as Record<string, unknown>;
      expect(body).toMatchObject({
        intent: 'CAPTURE',
        purchase_units: [
          {
            amount: { currency_code: 'GBP', value: (b.quote.totalMinor / 100).toFixed(2) },
            custom_id: b.payment.id,
            invoice_id: `${b.reference}-${b.payment.id.slice(0, 8)}`,
            description: `Repair ${b.reference}`,
          },
        ],
        payment_source: {
          paypal: {
            experience_context: {
              user_action: 'PAY_NOW',
              shipping_preference: 'NO_SHIPPING',
              return_url: expect.stringContaining(`payment=${b.payment.id}`),
              cancel_url: expect.stringContaining('cancelled=1'),
            },
          },
        },
      });
      const order = await orderOf(b);
      expect(b.payment.approveUrl).toBe(`https://www.sandbox.paypal.com/checkoutnow?token=${order.id}`);
      // one OAuth token serves every call
      await book('paypal');
      expect(paypal.requests.filter((r) => r.path === '/v1/oauth2/token')).toHaveLength(token.length);
    });

    it('sync before approval stays pending; after approval it captures once: paid with the capture id', async () => {
      const b = await book('paypal');
      const order = await orderOf(b);
      const early = (await (await sync(b)).json()) as PaymentView;
      expect(early.status).toBe('pending');
      const capturePath = `/v2/checkout/orders/${order.id}/capture`;
      expect(paypal.requests.filter((r) => r.path === capturePath)).toHaveLength(0);

      paypal.approve(order.id, 'pat@example.com');
      const res = await sync(b);
      expect(res.status).toBe(200);
      const view = (await res.json()) as PaymentView;
      expect(view).toMatchObject({ status: 'succeeded', methodDetail: 'PayPal (pat@example.com)' });
      expect(view.invoice?.number).toBeTruthy();
      const captureId = paypal.order(order.id).purchase_units[0]!.payments!.captures[0]!.id;
      expect((await row(b.payment.id)).providerCaptureId).toBe(captureId);
      const captures = paypal.requests.filter((r) => r.path === capturePath);
      expect(captures).toHaveLength(1);
      expect(captures[0]!.headers['paypal-request-id']).toBe(`settle-${b.payment.id}`);
      // syncing again asks nothing more
      await sync(b);
      expect(paypal.requests.filter((r) => r.path === capturePath)).toHaveLength(1);
    });

    it('CHECKOUT.ORDER.APPROVED captures for a customer who never came back', async () => {
      const b = await book('paypal');
      const order = await orderOf(b);
      paypal.approve(order.id);
      const approved = paypal.webhook('CHECKOUT.ORDER.APPROVED', paypal.order(order.id));
      expect(await outcome(await deliver('paypal', approved))).toBe('applied');
      const p = await row(b.payment.id);
      expect(p.status).toBe('succeeded');
      expect(p.providerCaptureId).toBe(paypal.order(order.id).purchase_units[0]!.payments!.captures[0]!.id);
      expect(await outcome(await deliver('paypal', approved))).toBe('duplicate');
      // the customer comes back afterwards: nothing is captured twice
      expect(((await (await sync(b)).json()) as PaymentView).status).toBe('succeeded');
      expect(
        paypal.requests.filter((r) => r.path === `/v2/checkout/orders/${order.id}/capture`),
      ).toHaveLength(1);
      expect(await invoicesOf(b.payment.id)).toHaveLength(1);
    });

    it('PAYMENT.CAPTURE.COMPLETED signed by PayPal applies once, even delivered twice', async () => {
      const b = await book('paypal');
      const order = await orderOf(b);
      paypal.approve(order.id);
      const capture = paypal.capture(order.id);
      const event = paypal.webhook('PAYMENT.CAPTURE.COMPLETED', {
        ...capture,
        supplementary_data: { related_ids: { order_id: order.id } },
      });
      expect(await outcome(await deliver('paypal', event))).toBe('applied');
      expect(await outcome(await deliver('paypal', event))).toBe('duplicate');
      expect(await row(b.payment.id)).toMatchObject({ status: 'succeeded', providerCaptureId: capture.id });
      expect(await invoicesOf(b.payment.id)).toHaveLength(1);
      expect(await eventsOf(b.payment.id)).toHaveLength(1);
      // a late denial of the same capture cannot undo it
      const denied = paypal.webhook('PAYMENT.CAPTURE.DENIED', { ...capture, status: 'DECLINED' });
      expect(await outcome(await deliver('paypal', denied))).toBe('unchanged');
      expect((await row(b.payment.id)).status).toBe('succeeded');
    });

    it('a delivery PayPal did not sign is a 400 and changes nothing', async () => {
      const b = await book('paypal');
      const order = await orderOf(b);
      paypal.approve(order.id);
      const capture = paypal.capture(order.id);
      const resource = { ...capture, supplementary_data: { related_ids: { order_id: order.id } } };
      const good = paypal.webhook('PAYMENT.CAPTURE.COMPLETED', resource);
      const other = await startPayPalPeer({ clientId: 'x', clientSecret: 'y', webhookId: PAYPAL_WEBHOOK });
      try {
        const attempts = [
          { body: good.body.replace(capture.id, 'SOMETHINGELSE0000'), headers: good.headers },
          paypal.webhook('PAYMENT.CAPTURE.COMPLETED', resource, { webhookId: 'WH-ANOTHER-HOOK' }),
          // signed with another key whose certificate sits on a host we do not trust
          other.webhook('PAYMENT.CAPTURE.COMPLETED', resource),
          // ...or pointing at our peer's certificate
          other.webhook('PAYMENT.CAPTURE.COMPLETED', resource, { certUrl: paypal.certUrl }),
          { body: good.body, headers: { 'content-type': 'application/json' } },
          { body: good.body, headers: { ...good.headers, 'paypal-auth-algo': 'SHA1withRSA' } },
        ];
        for (const attempt of attempts) {
          const res = await deliver('paypal', attempt);
          expect(res.status).toBe(400);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
        }
        expect(other.requests.filter((r) => r.path.includes('/certs/'))).toHaveLength(0);
      } finally {
        await other.close();
      }
      expect((await row(b.payment.id)).status).toBe('pending');
      expect(await eventsOf(b.payment.id)).toHaveLength(0);
      expect(await outcome(await deliver('paypal', good))).toBe('applied');
    });

    it('staff refund through PayPal against the capture; refund webhooks keep the cumulative total', async () => {
      const b = await book('paypal');
      const order = await orderOf(b);
      paypal.approve(order.id);
      await sync(b);
      const p = await row(b.payment.id);
      const res = await refund(b.payment.id, 2000, `paypal-refund-${backend.name}-${Date.now()}`, 'Goodwill');
      expect(res.status).toBe(201);
      expect((await res.json()) as StaffPaymentView).toMatchObject({
        status: 'partially_refunded',
        refundedMinor: 2000,
      });
      const sent = paypal.requests.filter(
        (r) => r.path === `/v2/payments/captures/${p.providerCaptureId}/refund`,
      );
      expect(sent).toHaveLength(1);
      expect(JSON.parse(sent[0]!.body)).toMatchObject({
        amount: { currency_code: 'GBP', value: '20.00' },
        note_to_payer: 'Goodwill',
        custom_id: b.payment.id,
      });
      expect(sent[0]!.headers['paypal-request-id']).toMatch(/^refund-[0-9a-f-]{36}$/);
      // PayPal's PAYMENT.CAPTURE.REFUNDED for that refund changes nothing
      const mine = paypal.order(order.id).purchase_units[0]!.payments!.refunds![0]!;
      expect(await outcome(await deliver('paypal', paypal.webhook('PAYMENT.CAPTURE.REFUNDED', mine)))).toBe(
        'unchanged',
      );
      // the rest refunded in PayPal's dashboard: found by its capture, total from the event
      const rest = paypal.refundInDashboard(order.id, b.quote.totalMinor - 2000);
      const restEvent = paypal.webhook('PAYMENT.CAPTURE.REFUNDED', rest);
      expect(await outcome(await deliver('paypal', restEvent))).toBe('applied');
      expect(await row(b.payment.id)).toMatchObject({
        status: 'refunded',
        refundedMinor: b.quote.totalMinor,
      });
      expect(await outcome(await deliver('paypal', restEvent))).toBe('duplicate');
    });
    it('a refund PayPal holds as pending counts once PAYMENT.CAPTURE.REFUNDED completes it', async () => {
      const b = await book('paypal');
      const order = await orderOf(b);
      paypal.approve(order.id);
      await sync(b);
      paypal.holdNextRefund();
      const res = await refund(b.payment.id, 3000, `paypal-pending-${backend.name}-${Date.now()}`);
      expect(res.status).toBe(201);
      const view = (await res.json()) as StaffPaymentView;
      expect(view).toMatchObject({ status: 'succeeded', refundedMinor: 0 });
      expect(view.refunds.map((r) => [r.amountMinor, r.status])).toEqual([[3000, 'pending']]);
      const pending = paypal.order(order.id).purchase_units[0]!.payments!.refunds![0]!;
      const done = paypal.completeRefund(order.id, pending.id);
      expect(await outcome(await deliver('paypal', paypal.webhook('PAYMENT.CAPTURE.REFUNDED', done)))).toBe(
        'applied',
      );
      const after = await staffPayment(b);
      expect(after).toMatchObject({ status: 'partially_refunded', refundedMinor: 3000 });
      expect(after.refunds.map((r) => [r.amountMinor, r.status])).toEqual([[3000, 'succeeded']]);
    });
  });

  it('without a webhook secret or id, the endpoints do not exist (404)', async () => {
    configure({ stripeWebhook: null, paypalWebhook: null });
    try {
      const s = await app.request('/api/payments/webhooks/stripe', { method: 'POST', body: '{}' });
      const p = await app.request('/api/payments/webhooks/paypal', { method: 'POST', body: '{}' });
      expect([s.status, p.status]).toEqual([404, 404]);
    } finally {
      configure();
    }
  });
});
