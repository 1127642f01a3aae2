import { z } from '@hono/zod-openapi';
import { AUDIT_EVENT_TYPES } from './types';

export const AuditEventTypeSchema = z.enum(AUDIT_EVENT_TYPES);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO date (`2026-11-30`, a whole day in the shop's time zone) or date-time with an offset. */
const IsoDateParam = z
  .string()
  .trim()
  .refine(
    (v) =>
      (DATE_ONLY.test(v) || /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(v)) &&
      !Number.isNaN(Date.parse(v)),
    'Use an ISO date (2026-11-30) or date-time (2026-11-30T09:00:00Z).',
  );

const typeList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean))
  .pipe(z.array(AuditEventTypeSchema).max(AUDIT_EVENT_TYPES.length))
  .openapi({ type: 'string', description: 'One or several event types, comma-separated or repeated' });

const AuditFilterFields = z.object({
  type: typeList.optional(),
  actor: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'actor user id, or part of their e-mail' }),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: 'search in target, actor e-mail, type and details' }),
  from: IsoDateParam.optional(),
  to: IsoDateParam.optional().openapi({ description: 'inclusive: a date means to the end of that day' }),
});

function checkRange(v: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (v.from && v.to && auditRangeStart(v.from) >= auditRangeEnd(v.to)) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must not be before "from".' });
  }
}

export const AuditFilterSchema = AuditFilterFields.superRefine(checkRange);

export const AuditListQuerySchema = AuditFilterFields.extend({
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .openapi({ description: 'cursor: rows with a smaller id' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).superRefine(checkRange);

export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export const AuditEventSchema = z
  .object({
    id: z.number().int(),
    occurredAt: z.string(),
    type: z.string(),
    actorUserId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    actorRole: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEvent');

export type AuditEventView = z.infer<typeof AuditEventSchema>;

export const SHOP_TIME_ZONE = 'Europe/London';

function londonMidnight(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // the offset of London at noon that day (GMT or BST) is the offset at midnight too
  const noonUtc = Date.UTC(y, m - 1, d, 12);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: SHOP_TIME_ZONE,
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(noonUtc));
  const londonHour = Number(parts.find((p) => p.type === 'hour')?.value ?? 12);
  return new Date(Date.UTC(y, m - 1, d) - (londonHour - 12) * 3_600_000);
}

/** The first instant a `from` filter includes. */
export function auditRangeStart(from: string): Date {
  return DATE_ONLY.test(from) ? londonMidnight(from) : new Date(from);
}

/** The first instant after what a `to` filter includes (a whole day when it is a date). */
export function auditRangeEnd(to: string): Date {
  if (!DATE_ONLY.test(to)) return new Date(new Date(to).getTime() + 1);
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return londonMidnight(next);
}
