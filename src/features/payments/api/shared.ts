import { z } from '@hono/zod-openapi';
import { errorResponses, problemContentOf } from '@/server/http/errors';

export const PaymentIdParam = z.object({ id: z.string().max(64) });
export const ReferenceParam = z.object({ reference: z.string().min(1).max(20) });
export const TokenQuery = z.object({ token: z.string().max(300).optional() });

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(8, 'Idempotency-Key must be 8-200 characters.')
    .max(200, 'Idempotency-Key must be 8-200 characters.')
    .regex(/^[\w.:-]+$/, 'Idempotency-Key may contain letters, digits and . _ : - only.')
    .optional(),
});

export const paymentErrors = {
  401: { description: 'Not signed in', content: problemContentOf() },
  403: { description: 'Not allowed', content: problemContentOf() },
  404: errorResponses[404],
  409: errorResponses[409],
  422: errorResponses[422],
  503: { description: 'The payment provider could not be reached', content: problemContentOf() },
} as const;
