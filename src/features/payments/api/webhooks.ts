/**
 * Where Stripe and PayPal report payments. No session: the provider's signature over the raw
 * body is the authorisation, so a request without a valid one is a 400 and changes nothing. A
 * provider that is not configured has no endpoint (404). Each event applies once, whatever the
 * order of arrival; an event we do not act on is acknowledged so the provider stops resending.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '@/server/http/app';
import { DomainError } from '@/server/domain-error';
import { problemContentOf } from '@/server/http/errors';
import { jsonResponse } from '@/server/http/openapi';
import { baseUrlOf } from '@/server/http/base-url';
import { getDb } from '@/server/db/runtime';
import { logger } from '@/server/logger';
import { paymentConfig } from '../server/config';
import { afterPaymentUpdate } from '../server/after-payment';
import { handlePayPalEvent, PayPalEventSchema } from '../server/webhooks/paypal-events';
import {
  PayPalSignatureError,
  transmissionFrom,
  verifyPayPalSignature,
} from '../server/webhooks/paypal-signature';
import { ProviderError } from '../server/providers/types';
import { paymentErrors } from './shared';

const tags = ['Payments'];

const WebhookAnswerSchema = z
  .object({
    received: z.literal(true),
    /** what the event did: applied, duplicate (seen before), unchanged, unknown_payment, ignored */
    outcome: z.enum(['applied', 'duplicate', 'unchanged', 'unknown_payment', 'ignored']),
  })
  .openapi('WebhookAnswer');

const responses = {
  200: jsonResponse(WebhookAnswerSchema, 'Received'),
  400: { description: 'Missing or invalid signature', content: problemContentOf() },
  404: paymentErrors[404],
  503: { description: 'The provider could not be asked (the provider retries)', content: problemContentOf() },
};

/** A provider call made while applying an event failed: 503, so the provider delivers it again. */
async function retryable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    logger.warn({ err }, 'a webhook could not be applied: the provider did not answer');
    throw new DomainError(
      'UNAVAILABLE',
      'The payment provider could not be reached; deliver the event again.',
    );
  }
}

const stripeRoute = createRoute({
  method: 'post',
  path: '/payments/webhooks/stripe',
  tags,
  summary: 'Stripe webhook endpoint (signed with the Stripe-Signature header)',
  responses,
});

const paypalRoute = createRoute({
  method: 'post',
  path: '/payments/webhooks/paypal',
  tags,
  summary: "PayPal webhook endpoint (verified with PayPal's transmission signature)",
  responses,
});

export const webhooksApi = createRouter()
  .openapi(stripeRoute, async (c) => {
    const stripe = paymentConfig().stripe;
    if (!stripe?.webhookSecret) throw new DomainError('NOT_FOUND', 'Stripe webhooks are not set up here.');
    const raw = await c.req.text();
    // the Stripe SDK (about 0.3 s of CPU) loads with the first Stripe event, not with the API
    const { handleStripeEvent, StripeSignatureError, verifyStripeEvent } =
      await import('../server/webhooks/stripe-events');
    let event;
    try {
      event = verifyStripeEvent(raw, c.req.header('stripe-signature'), stripe.webhookSecret);
    } catch (err) {
      if (err instanceof StripeSignatureError) throw new DomainError('BAD_REQUEST', err.message);
      throw err;
    }
    const db = await getDb();
    const { outcome, result } = await retryable(() => handleStripeEvent(db, event));
    logger.info({ eventId: event.id, type: event.type, outcome }, 'stripe webhook');
    if (result) await afterPaymentUpdate(db, result, baseUrlOf(c));
    return c.json({ received: true as const, outcome }, 200);
  })
  .openapi(paypalRoute, async (c) => {
    const paypal = paymentConfig().paypal;
    if (!paypal?.webhookId) throw new DomainError('NOT_FOUND', 'PayPal webhooks are not set up here.');
    const raw = await c.req.text();
    try {
      await verifyPayPalSignature(
        raw,
        transmissionFrom((name) => c.req.header(name)),
        paypal,
      );
    } catch (err) {
      if (err instanceof PayPalSignatureError) throw new DomainError('BAD_REQUEST', err.message);
      throw err;
    }
    let parsed;
    try {
      parsed = PayPalEventSchema.safeParse(JSON.parse(raw));
    } catch {
      throw new DomainError('BAD_REQUEST', 'The event is not JSON.');
    }
    if (!parsed.success) throw new DomainError('BAD_REQUEST', 'The event is not a PayPal event.');
    const event = parsed.data;
    const db = await getDb();
    const { outcome, result } = await retryable(() => handlePayPalEvent(db, event));
    logger.info({ eventId: event.id, type: event.event_type, outcome }, 'paypal webhook');
    if (result) await afterPaymentUpdate(db, result, baseUrlOf(c));
    return c.json({ received: true as const, outcome }, 200);
  });
