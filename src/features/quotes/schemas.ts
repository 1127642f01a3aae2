/**
 * Parts/labour lines and revised quotes: request and response shapes shared by the server,
 * the API declaration and the client components.
 */
import { z } from '@hono/zod-openapi';
import { MAX_QUANTITY, MAX_UNIT_MINOR } from './quote-totals';

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

export const OrderIdParamSchema = z.object({ id: z.string().min(1).max(100) });
export const LineParamSchema = OrderIdParamSchema.extend({ lineId: z.uuid() });
export const StaffQuoteParamSchema = OrderIdParamSchema.extend({ quoteId: z.uuid() });
export const ReferenceParamSchema = z.object({ reference: z.string().min(1).max(20) });
export const CustomerQuoteParamSchema = ReferenceParamSchema.extend({ quoteId: z.uuid() });

export const AddLineBodySchema = z
  .object({
    kind: z.enum(['part', 'labour']),
    description: trimmed(1, 200),
    quantity: z.number().int().min(1).max(MAX_QUANTITY),
    /** VAT-inclusive price of one unit, in minor units of the order's currency */
    unitMinor: z.number().int().min(0).max(MAX_UNIT_MINOR),
  })
  .openapi('AddOrderLine');
export type AddLineBody = z.infer<typeof AddLineBodySchema>;

export const SendQuoteBodySchema = z
  .object({
    /** why the price changed; shown to the customer and in the status e-mail */
    message: trimmed(1, 1000),
  })
  .openapi('SendRevisedQuote');

const note = trimmed(1, 1000).optional();
/** approving an expired quote: the fresh total offered with the 409 QUOTE_EXPIRED answer */
const acceptTotalMinor = z.number().int().min(0).optional();
export const DecisionBodySchema = z.object({ note, acceptTotalMinor }).openapi('QuoteDecision');
export const TokenDecisionBodySchema = z
  .object({ token: z.string().min(1).max(200), note, acceptTotalMinor })
  .openapi('TrackingQuoteDecision');
export const TokenQuerySchema = z.object({ token: z.string().max(200).optional() });

const LineKindSchema = z.enum(['repair', 'part', 'labour']);
const QuoteStatusSchema = z.enum(['pending', 'approved', 'declined', 'withdrawn', 'expired']);

export const QuoteLineSchema = z.object({
  kind: LineKindSchema,
  description: z.string(),
  quantity: z.number().int(),
  unitMinor: z.number().int(),
  totalMinor: z.number().int(),
});

/** A revised quote as the customer sees it: no staff names or ids. */
export const CustomerQuoteSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: QuoteStatusSchema,
  lines: z.array(QuoteLineSchema),
  /** the booking's urgency surcharge, carried into the quote */
  surchargeMinor: z.number().int(),
  totalMinor: z.number().int(),
  vatMinor: z.number().int(),
  vatRateBp: z.number().int(),
  currency: z.string(),
  message: z.string(),
  sentAt: z.string(),
  /** the price holds until then; approving later is refused with the fresh price (409 QUOTE_EXPIRED) */
  expiresAt: z.string(),
  expired: z.boolean(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** the agreed total this quote would replace */
  previousTotalMinor: z.number().int(),
  differenceMinor: z.number().int(),
  /** pending and the order is waiting for this decision */
  canDecide: z.boolean(),
});
export type CustomerQuote = z.infer<typeof CustomerQuoteSchema>;

export const CustomerQuotesSchema = z
  .object({
    reference: z.string(),
    status: z.string(),
    currency: z.string(),
    agreedTotalMinor: z.number().int(),
    /**
     * the newest quote's decision still describes the repair: decided, and the order has not
     * changed status since (once the shop moves on, "the shop will contact you" no longer holds)
     */
    decisionCurrent: z.boolean(),
    /** pending first, then newest first */
    quotes: z.array(CustomerQuoteSchema),
  })
  .openapi('CustomerRevisedQuotes');
export type CustomerQuotes = z.infer<typeof CustomerQuotesSchema>;

export const StaffQuoteSchema = CustomerQuoteSchema.extend({
  sentByName: z.string().nullable(),
  /** 'customer' when the customer decided, else the staff member who withdrew it */
  decidedByName: z.string().nullable(),
});
export type StaffQuote = z.infer<typeof StaffQuoteSchema>;

export const OrderLineSchema = QuoteLineSchema.extend({
  id: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type OrderLine = z.infer<typeof OrderLineSchema>;

export const OrderLinesSchema = z
  .object({
    orderId: z.string(),
    reference: z.string(),
    status: z.string(),
    currency: z.string(),
    vatRateBp: z.number().int(),
    lines: z.array(OrderLineSchema),
    linesMinor: z.number().int(),
    surchargeMinor: z.number().int(),
    totalMinor: z.number().int(),
    netMinor: z.number().int(),
    vatMinor: z.number().int(),
    agreedTotalMinor: z.number().int(),
    /** totalMinor - agreedTotalMinor: what a revised quote would change */
    differenceMinor: z.number().int(),
    /** the caller may add and remove lines and send quotes on this order */
    canEdit: z.boolean(),
    /** why lines cannot change now, if so */
    locked: z.enum(['terminal', 'pending_quote']).nullable(),
    /** the status allows sending a revised quote and none is pending */
    canSendQuote: z.boolean(),
    quotes: z.array(StaffQuoteSchema),
  })
  .openapi('OrderLines');
export type OrderLines = z.infer<typeof OrderLinesSchema>;
