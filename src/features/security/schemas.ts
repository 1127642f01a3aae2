import { z } from '@hono/zod-openapi';

export const RISK_DECISIONS = ['allow', 'step_up', 'block'] as const;

export const SecurityEventSchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.string(),
    userId: z.string().nullable(),
    email: z.string().nullable(),
    ip: z.string().nullable(),
    ipPrefix: z.string().nullable(),
    userAgent: z.string().nullable(),
    score: z.number().int(),
    factors: z.array(z.object({ code: z.string(), points: z.number().int(), detail: z.string() })),
    decision: z.enum(RISK_DECISIONS),
    outcome: z.string(),
  })
  .openapi('SecurityEvent');

export type SecurityEventView = z.infer<typeof SecurityEventSchema>;

export const SecurityEventQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'part of the e-mail, the user id or the IP address' }),
  decision: z.enum(RISK_DECISIONS).optional(),
  minScore: z.coerce.number().int().min(0).max(1000).optional(),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: 'cursor: rows with a smaller id' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type SecurityEventQuery = z.infer<typeof SecurityEventQuerySchema>;

export const UnlockResultSchema = z
  .object({ userId: z.string(), wasLocked: z.boolean() })
  .openapi('UnlockResult');
