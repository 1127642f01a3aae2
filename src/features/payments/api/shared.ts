import { z } from '@hono/zod-openapi';
import { accessErrorResponses, errorResponses, problemContentOf } from '@/server/http/errors';
import { idempotencyHeader } from '@/server/http/openapi';

export const PaymentIdParam = z.object({ id: z.string().max(64) });
export const ReferenceParam = z.object({ reference: z.string().min(1).max(20) });
export const TokenQuery = z.object({ token: z.string().max(300).optional() });

export const IdempotencyHeader = idempotencyHeader(
  'A unique key per payment or refund attempt; a retry with the same key gets the first answer.',
);

export const paymentErrors = {
  ...accessErrorResponses,
  404: errorResponses[404],
  409: errorResponses[409],
  422: errorResponses[422],
  503: { description: 'The payment provider could not be reached', content: problemContentOf() },
} as const;
