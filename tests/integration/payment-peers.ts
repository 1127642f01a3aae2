/**
 * Local stand-ins for Stripe's and PayPal's APIs, answering the real SDKs in the providers'
 * wire formats (Stripe: form-encoded requests, JSON objects; PayPal: OAuth client credentials,
 * Orders v2 and Payments v2 JSON, a webhook signing certificate). They keep just enough state to
 * play a payment through (create, the customer confirming or approving, capture, refunds) and
 * record every request, so tests can assert on exactly what the SDK sent.
 */
import { randomBytes, sign } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import Stripe from 'stripe';

export interface PeerRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Reply = { status: number; json: unknown };

async function listen(handle: (req: PeerRequest) => Reply | Promise<Reply>) {
  const requests: PeerRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://peer');
      const r: PeerRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(r);
      void Promise.resolve()
        .then(() => handle(r))
        .then(
          (reply) => {
            if (typeof reply.json === 'string') {
              res.writeHead(reply.status, { 'content-type': 'application/x-pem-file' });
              res.end(reply.json);
            } else {
              res.writeHead(reply.status, {
                'content-type': 'application/json',
                'request-id': `req_${id()}`,
              });
              res.end(JSON.stringify(reply.json));
            }
          },
          (err: unknown) => {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: String(err) }));
          },
        );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const id = (n = 12) =>
  randomBytes(n)
    .toString('hex')
    .slice(0, n * 2);
const now = () => Math.floor(Date.now() / 1000);

/** Nested form keys as Stripe's SDK writes them: metadata[paymentId]=… → { 'metadata[paymentId]': … }. */
export function formOf(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

// ---------------------------------------------------------------------------------------------
// Stripe

interface StripeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  captured: boolean;
  paid: boolean;
  refunded: boolean;
  status: 'succeeded' | 'failed';
  payment_intent: string;
  metadata: Record<string, string>;
  payment_method_details: { type: 'card'; card: { brand: string; last4: string } };
  created: number;
  livemode: false;
}

interface StripeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  description: string | null;
  receipt_email: string | null;
  client_secret: string;
  status: string;
  metadata: Record<string, string>;
  automatic_payment_methods: { enabled: boolean } | null;
  last_payment_error: null | { type: string; code: string; decline_code: string; message: string };
  latest_charge: string | null;
  created: number;
  livemode: false;
}

export async function startStripePeer(config: { secretKey: string; webhookSecret: string }) {
  const intents = new Map<string, StripeIntent>();
  const charges = new Map<string, StripeCharge>();
  const idempotent = new Map<string, Reply>();
  const refunds = new Map<
    string,
    Record<string, unknown> & { id: string; amount: number; charge: string; status: string }
  >();
  let holdNextRefund = false;
  let eventCounter = 0;

  const stripeError = (status: number, type: string, message: string, code?: string): Reply => ({
    status,
    json: { error: { type, message, ...(code ? { code } : {}) } },
  });

  function intentJson(pi: StripeIntent, expand: string[]) {
    const charge = pi.latest_charge ? charges.get(pi.latest_charge) : null;
    return { ...pi, latest_charge: expand.includes('latest_charge') && charge ? charge : pi.latest_charge };
  }

  function metadataOf(form: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(form)) {
      const m = /^metadata\[(.+)\]$/.exec(k);
      if (m) out[m[1]!] = v;
    }
    return out;
  }

  function route(req: PeerRequest): Reply {
    if (req.headers.authorization !== `Bearer ${config.secretKey}`) {
      return stripeError(401, 'invalid_request_error', 'Invalid API Key provided.');
    }
    const form = formOf(req.body);
    const key = req.headers['idempotency-key'] as string | undefined;
    if (req.method === 'POST' && key && idempotent.has(`${req.path}|${key}`)) {
      return idempotent.get(`${req.path}|${key}`)!;
    }
    const remember = (reply: Reply) => {
      if (req.method === 'POST' && key) idempotent.set(`${req.path}|${key}`, reply);
      return reply;
    };

    if (req.method === 'POST' && req.path === '/v1/payment_intents') {
      const amount = Number(form.amount);
      if (!Number.isInteger(amount) || amount < 1 || !form.currency) {
        return stripeError(
          400,
          'invalid_request_error',
          'Missing required param: amount.',
          'parameter_missing',
        );
      }
      const piId = `pi_${id()}`;
      const pi: StripeIntent = {
        id: piId,
        object: 'payment_intent',
        amount,
        amount_received: 0,
        currency: form.currency,
        description: form.description ?? null,
        receipt_email: form.receipt_email ?? null,
        client_secret: `${piId}_secret_${id(8)}`,
        status: 'requires_payment_method',
        metadata: metadataOf(form),
        automatic_payment_methods:
          form['automatic_payment_methods[enabled]'] === 'true' ? { enabled: true } : null,
        last_payment_error: null,
        latest_charge: null,
        created: now(),
        livemode: false,
      };
      intents.set(piId, pi);
      return remember({ status: 200, json: pi });
    }
    const one = /^\/v1\/payment_intents\/([\w]+)$/.exec(req.path);
    if (req.method === 'GET' && one) {
      const pi = intents.get(one[1]!);
      if (!pi)
        return stripeError(
          404,
          'invalid_request_error',
          `No such payment_intent: '${one[1]}'`,
          'resource_missing',
        );
      const expand = [...req.query].filter(([k]) => /^expand\[\d*\]$/.test(k)).map(([, v]) => v);
      return { status: 200, json: intentJson(pi, expand) };
    }
    if (req.method === 'POST' && req.path === '/v1/refunds') {
      const pi = intents.get(form.payment_intent ?? '');
      const charge = pi?.latest_charge ? charges.get(pi.latest_charge) : null;
      if (!pi || !charge) {
        return stripeError(400, 'invalid_request_error', 'This PaymentIntent has no charge to refund.');
      }
      const amount = form.amount ? Number(form.amount) : charge.amount - charge.amount_refunded;
      if (amount > charge.amount - charge.amount_refunded) {
        return stripeError(400, 'invalid_request_error', 'Refund amount is greater than unrefunded amount.');
      }
      // a refund Stripe cannot finish at once (e.g. to a bank account) stays pending
      const status = holdNextRefund ? 'pending' : 'succeeded';
      holdNextRefund = false;
      if (status === 'succeeded') {
        charge.amount_refunded += amount;
        charge.refunded = charge.amount_refunded === charge.amount;
      }
      const refund = {
        id: `re_${id()}`,
        object: 'refund',
        amount,
        currency: charge.currency,
        charge: charge.id,
        payment_intent: pi.id,
        reason: form.reason ?? null,
        status,
        metadata: metadataOf(form),
        created: now(),
      };
      refunds.set(refund.id, refund);
      return remember({ status: 200, json: refund });
    }
    return stripeError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${req.method}: ${req.path}).`,
    );
  }

  const peer = await listen(route);

  return {
    ...peer,
    intent: (piId: string) => intents.get(piId)!,
    charge: (piId: string) => charges.get(intents.get(piId)!.latest_charge!)!,
    /** The customer confirms in the Payment Element with a card that succeeds. */
    confirm(piId: string, card = { brand: 'visa', last4: '4242' }) {
      const pi = intents.get(piId)!;
      const charge: StripeCharge = {
        id: `ch_${id()}`,
        object: 'charge',
        amount: pi.amount,
        amount_captured: pi.amount,
        amount_refunded: 0,
        currency: pi.currency,
        captured: true,
        paid: true,
        refunded: false,
        status: 'succeeded',
        payment_intent: pi.id,
        metadata: {},
        payment_method_details: { type: 'card', card },
        created: now(),
        livemode: false,
      };
      charges.set(charge.id, charge);
      Object.assign(pi, { status: 'succeeded', amount_received: pi.amount, latest_charge: charge.id });
      return charge;
    },
    /** The customer's card is declined: the intent asks for another payment method. */
    decline(piId: string) {
      Object.assign(intents.get(piId)!, {
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          code: 'card_declined',
          decline_code: 'insufficient_funds',
          message: 'Your card has insufficient funds.',
        },
      });
    },
    /** The next refund asked for stays pending (until completeRefund). */
    holdNextRefund() {
      holdNextRefund = true;
    },
    /** Stripe finishes a pending refund; returns the refund object. */
    completeRefund(refundId: string) {
      const refund = refunds.get(refundId)!;
      const charge = charges.get(refund.charge)!;
      refund.status = 'succeeded';
      charge.amount_refunded += refund.amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      return refund;
    },
    /** The refunds asked for through the API. */
    refunds: () => [...refunds.values()],
    /** A refund made in Stripe's dashboard (not through our API). */
    refundInDashboard(piId: string, amount: number) {
      const charge = charges.get(intents.get(piId)!.latest_charge!)!;
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      return {
        id: `re_${id()}`,
        object: 'refund',
        amount,
        charge: charge.id,
        payment_intent: piId,
        status: 'succeeded',
        metadata: {},
      };
    },
    /** A webhook delivery as Stripe makes it: the event JSON and its Stripe-Signature header. */
    webhook(type: string, object: unknown, opts: { eventId?: string; secret?: string } = {}) {
      const body = JSON.stringify({
        id: opts.eventId ?? `evt_${id()}_${++eventCounter}`,
        object: 'event',
        api_version: Stripe.API_VERSION,
        created: now(),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type,
        data: { object },
      });
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload: body,
        secret: opts.secret ?? config.webhookSecret,
      });
      return { body, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
    },
  };
}
export type StripePeer = Awaited<ReturnType<typeof startStripePeer>>;

// ---------------------------------------------------------------------------------------------
// PayPal

interface PayPalOrder {
  id: string;
  intent: 'CAPTURE';
  status: 'CREATED' | 'PAYER_ACTION_REQUIRED' | 'APPROVED' | 'COMPLETED' | 'VOIDED';
  create_time: string;
  update_time: string;
  payment_source?: { paypal: { email_address: string; account_id: string } };
  payer?: { email_address: string; payer_id: string };
  purchase_units: Array<{
    reference_id: string;
    amount: { currency_code: string; value: string };
    custom_id?: string;
    invoice_id?: string;
    description?: string;
    payments?: {
      captures: Array<
        Record<string, unknown> & {
          id: string;
          status: string;
          amount: { currency_code: string; value: string };
        }
      >;
      refunds?: Array<
        Record<string, unknown> & {
          id: string;
          status: string;
          amount: { currency_code: string; value: string };
        }
      >;
    };
  }>;
  links: Array<{ href: string; rel: string; method: string }>;
}

const CERT_PATH = '/v1/notifications/certs/CERT-360caa42-fca2a594-test';

export async function startPayPalPeer(config: { clientId: string; clientSecret: string; webhookId: string }) {
  const pems = await generate([{ name: 'commonName', value: 'messageverificationcerts.paypal.com' }], {
    keySize: 2048,
    algorithm: 'sha256',
  });
  const orders = new Map<string, PayPalOrder>();
  const byRequestId = new Map<string, Reply>();
  const tokens = new Set<string>();
  let base = '';
  let eventCounter = 0;
  let holdNextRefund = false;

  const paypalError = (status: number, name: string, issue: string, message = issue): Reply => ({
    status,
    json: {
      name,
      message:
        'The requested action could not be performed, semantically incorrect, or failed business validation.',
      debug_id: id(6),
      details: [{ issue, description: message }],
      links: [],
    },
  });
  const iso = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const orderId = () =>
    randomBytes(9)
      .toString('base64')
      .replace(/[^A-Z0-9]/gi, '')
      .toUpperCase()
      .padEnd(17, 'X')
      .slice(0, 17);
  const toValue = (minor: number) => (minor / 100).toFixed(2);
  const toMinor = (value: string) => Math.round(Number(value) * 100);

  function orderLinks(o: PayPalOrder) {
    const links = [{ href: `${base}/v2/checkout/orders/${o.id}`, rel: 'self', method: 'GET' }];
    if (o.status === 'PAYER_ACTION_REQUIRED' || o.status === 'CREATED') {
      links.push({
        href: `https://www.sandbox.paypal.com/checkoutnow?token=${o.id}`,
        rel: 'payer-action',
        method: 'GET',
      });
    }
    return links;
  }

  function route(req: PeerRequest): Reply {
    if (req.method === 'GET' && req.path === CERT_PATH) return { status: 200, json: pems.cert };
    if (req.method === 'POST' && req.path === '/v1/oauth2/token') {
      const basic = `Basic ${Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== basic || formOf(req.body).grant_type !== 'client_credentials') {
        return {
          status: 401,
          json: { error: 'invalid_client', error_description: 'Client Authentication failed' },
        };
      }
      const token = `A21AA${id(16)}`;
      tokens.add(token);
      return {
        status: 200,
        json: {
          scope: 'https://uri.paypal.com/services/payments/payment',
          access_token: token,
          token_type: 'Bearer',
          app_id: 'APP-80W284485P519543T',
          expires_in: 32400,
          nonce: `${iso()}${id(8)}`,
        },
      };
    }
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !tokens.has(bearer)) {
      return {
        status: 401,
        json: {
          name: 'AUTHENTICATION_FAILURE',
          message:
            'Authentication failed due to invalid authentication credentials or a missing Authorization header.',
          debug_id: id(6),
          links: [],
        },
      };
    }
    const requestId = req.headers['paypal-request-id'] as string | undefined;
    const remembered = requestId ? byRequestId.get(`${req.path}|${requestId}`) : undefined;
    if (req.method === 'POST' && remembered) return remembered;
    const remember = (reply: Reply) => {
      if (requestId && reply.status < 300) byRequestId.set(`${req.path}|${requestId}`, reply);
      return reply;
    };

    if (req.method === 'POST' && req.path === '/v2/checkout/orders') {
      const body = JSON.parse(req.body) as {
        intent: string;
        purchase_units: PayPalOrder['purchase_units'];
        payment_source?: { paypal?: unknown };
      };
      if (body.intent !== 'CAPTURE' || !body.purchase_units?.[0]?.amount) {
        return paypalError(400, 'INVALID_REQUEST', 'MISSING_REQUIRED_PARAMETER');
      }
      const o: PayPalOrder = {
        id: orderId(),
        intent: 'CAPTURE',
        status: body.payment_source?.paypal ? 'PAYER_ACTION_REQUIRED' : 'CREATED',
        create_time: iso(),
        update_time: iso(),
        purchase_units: body.purchase_units.map((u) => ({ ...u, reference_id: u.reference_id ?? 'default' })),
        links: [],
      };
      orders.set(o.id, o);
      return remember({ status: 200, json: { ...o, links: orderLinks(o) } });
    }
    const get = /^\/v2\/checkout\/orders\/(\w+)$/.exec(req.path);
    if (req.method === 'GET' && get) {
      const o = orders.get(get[1]!);
      if (!o) return paypalError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      return { status: 200, json: { ...o, links: orderLinks(o) } };
    }
    const cap = /^\/v2\/checkout\/orders\/(\w+)\/capture$/.exec(req.path);
    if (req.method === 'POST' && cap) {
      const o = orders.get(cap[1]!);
      if (!o) return paypalError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      if (o.status === 'COMPLETED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'ORDER_ALREADY_CAPTURED');
      if (o.status !== 'APPROVED') return paypalError(422, 'UNPROCESSABLE_ENTITY', 'ORDER_NOT_APPROVED');
      captureNow(o);
      return remember({ status: 201, json: { ...o, links: orderLinks(o) } });
    }
    const refund = /^\/v2\/payments\/captures\/(\w+)\/refund$/.exec(req.path);
    if (req.method === 'POST' && refund) {
      const found = [...orders.values()].find(
        (o) => o.purchase_units[0]!.payments?.captures[0]?.id === refund[1],
      );
      if (!found) return paypalError(404, 'RESOURCE_NOT_FOUND', 'INVALID_RESOURCE_ID');
      const body = JSON.parse(req.body || '{}') as {
        amount?: { value: string; currency_code: string };
        note_to_payer?: string;
        custom_id?: string;
      };
      return remember({ status: 201, json: refundNow(found, body.amount, body) });
    }
    return paypalError(
      404,
      'RESOURCE_NOT_FOUND',
      'INVALID_RESOURCE_ID',
      `no route ${req.method} ${req.path}`,
    );
  }

  function captureNow(o: PayPalOrder) {
    const unit = o.purchase_units[0]!;
    o.status = 'COMPLETED';
    o.update_time = iso();
    unit.payments = {
      captures: [
        {
          id: orderId(),
          status: 'COMPLETED',
          amount: unit.amount,
          final_capture: true,
          custom_id: unit.custom_id,
          invoice_id: unit.invoice_id,
          seller_protection: { status: 'ELIGIBLE', dispute_categories: ['ITEM_NOT_RECEIVED'] },
          create_time: iso(),
          update_time: iso(),
        },
      ],
    };
    return unit.payments.captures[0]!;
  }

  type PayPalRefund = NonNullable<NonNullable<PayPalOrder['purchase_units'][0]['payments']>['refunds']>[0];

  /** The capture's completed refunds in total, written onto the capture and `refund`. */
  function totals(o: PayPalOrder, refund: PayPalRefund) {
    const payments = o.purchase_units[0]!.payments!;
    const capture = payments.captures[0]!;
    const total = (payments.refunds ?? [])
      .filter((r) => r.status === 'COMPLETED')
      .reduce((t, r) => t + toMinor(r.amount.value), 0);
    if (total > 0)
      capture.status = total >= toMinor(capture.amount.value) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    const currency = capture.amount.currency_code;
    refund.seller_payable_breakdown = {
      gross_amount: refund.amount,
      net_amount: refund.amount,
      total_refunded_amount: { currency_code: currency, value: toValue(total) },
    };
    return refund;
  }

  function refundNow(
    o: PayPalOrder,
    amount: { value: string; currency_code: string } | undefined,
    extra: { note_to_payer?: string; custom_id?: string } = {},
  ) {
    const payments = o.purchase_units[0]!.payments!;
    const capture = payments.captures[0]!;
    const before = (payments.refunds ?? []).reduce((t, r) => t + toMinor(r.amount.value), 0);
    const minor = amount ? toMinor(amount.value) : toMinor(capture.amount.value) - before;
    const refundId = orderId();
    // an eCheck-funded payment, say: PayPal holds the refund as pending
    const status = holdNextRefund ? 'PENDING' : 'COMPLETED';
    holdNextRefund = false;
    const r: PayPalRefund = {
      id: refundId,
      status,
      amount: { currency_code: capture.amount.currency_code, value: toValue(minor) },
      ...(extra.note_to_payer ? { note_to_payer: extra.note_to_payer } : {}),
      ...(extra.custom_id ? { custom_id: extra.custom_id } : {}),
      create_time: iso(),
      update_time: iso(),
      links: [
        {
          href: `https://api.sandbox.paypal.com/v2/payments/refunds/${refundId}`,
          rel: 'self',
          method: 'GET',
        },
        {
          href: `https://api.sandbox.paypal.com/v2/payments/captures/${capture.id}`,
          rel: 'up',
          method: 'GET',
        },
      ],
    };
    payments.refunds = [...(payments.refunds ?? []), r];
    return totals(o, r);
  }

  const peer = await listen(route);
  base = peer.url;

  return {
    ...peer,
    certUrl: `${peer.url}${CERT_PATH}`,
    order: (orderIdValue: string) => orders.get(orderIdValue)!,
    /** The customer approves the order at PayPal. */
    approve(orderIdValue: string, email = 'buyer@example.com') {
      const o = orders.get(orderIdValue)!;
      o.status = 'APPROVED';
      o.payment_source = { paypal: { email_address: email, account_id: 'QYR5Z8XDVJNXQ' } };
      o.payer = { email_address: email, payer_id: 'QYR5Z8XDVJNXQ' };
    },
    /** PayPal captures without us (e.g. the buyer's app completed the order). */
    capture: (orderIdValue: string) => captureNow(orders.get(orderIdValue)!),
    /** The next refund asked for stays PENDING (until completeRefund). */
    holdNextRefund() {
      holdNextRefund = true;
    },
    /** PayPal completes a pending refund; returns the refund resource (as its webhook carries it). */
    completeRefund(orderIdValue: string, refundId: string) {
      const o = orders.get(orderIdValue)!;
      const refund = o.purchase_units[0]!.payments!.refunds!.find((r) => r.id === refundId)!;
      refund.status = 'COMPLETED';
      return totals(o, refund);
    },
    /** A refund made in PayPal's dashboard; returns the refund resource. */
    refundInDashboard: (orderIdValue: string, minor: number) =>
      refundNow(orders.get(orderIdValue)!, { value: toValue(minor), currency_code: 'GBP' }),
    /** A webhook delivery signed as PayPal signs it (for `webhookId`, with the peer's certificate). */
    webhook(
      eventType: string,
      resource: unknown,
      opts: { eventId?: string; webhookId?: string; certUrl?: string; privateKey?: string } = {},
    ) {
      const body = JSON.stringify({
        id: opts.eventId ?? `WH-${id(8).toUpperCase()}-${++eventCounter}`,
        event_version: '1.0',
        create_time: iso(),
        resource_type: eventType.startsWith('CHECKOUT')
          ? 'checkout-order'
          : eventType.includes('REFUNDED')
            ? 'refund'
            : 'capture',
        resource_version: '2.0',
        event_type: eventType,
        summary: eventType,
        resource,
        links: [],
      });
      const transmissionId = `${id(4)}-${id(2)}-${id(2)}`;
      const transmissionTime = iso();
      const crc = crc32(body);
      const message = `${transmissionId}|${transmissionTime}|${opts.webhookId ?? config.webhookId}|${crc}`;
      const sig = sign('sha256', Buffer.from(message), opts.privateKey ?? pems.private).toString('base64');
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'paypal-transmission-id': transmissionId,
          'paypal-transmission-time': transmissionTime,
          'paypal-transmission-sig': sig,
          'paypal-cert-url': opts.certUrl ?? `${peer.url}${CERT_PATH}`,
          'paypal-auth-algo': 'SHA256withRSA',
        },
      };
    },
  };
}
export type PayPalPeer = Awaited<ReturnType<typeof startPayPalPeer>>;

/** CRC-32 as PayPal uses it, written independently of the app's (the peer is PayPal's side). */
function crc32(text: string): number {
  let crc = ~0;
  for (const byte of Buffer.from(text, 'utf8')) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
