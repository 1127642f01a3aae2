import { z } from '@hono/zod-openapi';

/** A JSON response entry for `createRoute({ responses })`. */
export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** A JSON request body entry for `createRoute({ request: { body } })`. */
export function jsonBody<T extends z.ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}

/**
 * The optional `Idempotency-Key` request header of unsafe routes: a retry with the same key
 * gets the first answer instead of doing the work twice.
 */
export function idempotencyHeader(description: string) {
  return z.object({
    'idempotency-key': z
      .string()
      .trim()
      .min(8, 'Idempotency-Key must be 8-200 characters.')
      .max(200, 'Idempotency-Key must be 8-200 characters.')
      .regex(/^[\w.:-]+$/, 'Idempotency-Key may contain letters, digits and . _ : - only.')
      .optional()
      .openapi({ description }),
  });
}
