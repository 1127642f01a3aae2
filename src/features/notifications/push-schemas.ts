/**
 * Web Push API shapes (`/api/notifications/push/*`), shared by the server, the API and the client.
 * The contract is in the issue 14 briefs ("Push API"); field messages are plain English for the
 * API (the pages word their own).
 */
import { z } from '@hono/zod-openapi';

export const PUSH_ROLES = ['customer', 'technician', 'manager', 'admin'] as const;
export const PUSH_URGENCIES = ['very-low', 'low', 'normal', 'high'] as const;
/** RFC 8030 leaves TTL open; push services keep a message at most 4 weeks. */
export const MAX_PUSH_TTL = 2_419_200;
/** The encrypted record may hold 4078 bytes of payload (web-push); we stop well below. */
export const MAX_PUSH_PAYLOAD_BYTES = 3072;

const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/** Bytes of a base64url (or base64) string, or -1 when it is not one. */
export function base64urlLength(value: string): number {
  if (!B64URL.test(value)) return -1;
  const bare = value.replace(/=+$/, '');
  if (bare.length % 4 === 1) return -1;
  return Math.floor((bare.length * 3) / 4);
}

/** The first byte of a base64url string (0x04 for an uncompressed P-256 point). */
function firstByte(value: string): number {
  const head = value.slice(0, 4).replaceAll('-', '+').replaceAll('_', '/');
  return atob(head).charCodeAt(0);
}

/** A path on this site: one leading slash, never `//` (another host) or a backslash. */
export const sameOriginPath = (what: string) =>
  z
    .string()
    .trim()
    .max(2048, `${what} must be at most 2048 characters.`)
    .regex(/^\/(?![/\\])[^\s\\]*$/, `${what} must be a path on this site, starting with "/".`);

export const PushKeySchema = z.object({ publicKey: z.string() }).openapi('PushPublicKey');

export const PushSubscriptionInputSchema = z
  .object({
    endpoint: z
      .string()
      .trim()
      .max(2048, 'The endpoint must be at most 2048 characters.')
      .pipe(z.url('The endpoint must be a URL.'))
      .refine((v) => v.startsWith('https://'), 'The endpoint must be an https: URL.'),
    expirationTime: z.number().int().nonnegative().nullable().optional(),
    keys: z.object({
      p256dh: z
        .string()
        .max(200)
        .refine(
          (v) => base64urlLength(v) === 65 && firstByte(v) === 4,
          'p256dh must be a base64url P-256 public key (65 bytes, uncompressed).',
        ),
      auth: z
        .string()
        .max(100)
        .refine((v) => base64urlLength(v) === 16, 'auth must be a base64url 16-byte secret.'),
    }),
  })
  .openapi('PushSubscriptionInput');

export type PushSubscriptionInput = z.infer<typeof PushSubscriptionInputSchema>;

export const PushSubscribedSchema = z.object({ id: z.string() }).openapi('PushSubscribed');

export const PushUnsubscribeInputSchema = z
  .object({ endpoint: z.string().trim().min(1, 'The endpoint is required.').max(2048) })
  .openapi('PushUnsubscribeInput');

export const PushUnsubscribedSchema = z.object({ removed: z.boolean() }).openapi('PushUnsubscribed');

export const PushActionSchema = z.object({
  action: z
    .string()
    .trim()
    .regex(/^[\w-]{1,40}$/, 'An action name is 1-40 letters, digits, "_" or "-".'),
  title: z
    .string()
    .trim()
    .min(1, 'An action needs a title.')
    .max(40, 'An action title is at most 40 characters.'),
  url: sameOriginPath('The action link').optional(),
});

export const PushSendInputSchema = z
  .object({
    userId: z.string().trim().min(1).max(100).optional(),
    role: z.enum(PUSH_ROLES).optional(),
    title: z.string().trim().min(1, 'A title is required.').max(120, 'The title is at most 120 characters.'),
    body: z
      .string()
      .trim()
      .min(1, 'A message is required.')
      .max(500, 'The message is at most 500 characters.'),
    icon: sameOriginPath('The icon').optional(),
    badge: sameOriginPath('The badge').optional(),
    url: sameOriginPath('The link').optional(),
    actions: z.array(PushActionSchema).max(2, 'At most 2 actions.').optional(),
    urgency: z.enum(PUSH_URGENCIES).optional(),
    ttl: z
      .number()
      .int()
      .min(0)
      .max(MAX_PUSH_TTL, `TTL is at most ${MAX_PUSH_TTL} seconds (4 weeks).`)
      .optional(),
    sendAt: z.iso
      .datetime({ offset: true, message: 'sendAt must be an ISO date-time, e.g. 2030-01-07T10:00:00Z.' })
      .refine((v) => Date.parse(v) > Date.now(), 'sendAt must be in the future.')
      .optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.userId ? 1 : 0) + (v.role ? 1 : 0) !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: [v.userId ? 'role' : 'userId'],
        message: 'Send to exactly one of `userId` or `role`.',
      });
    }
  })
  .openapi('PushSendInput');

export type PushSendInput = z.infer<typeof PushSendInputSchema>;

export const PushSendResultSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'scheduled']),
    scheduledFor: z.string().nullable(),
    targeted: z.number().int(),
  })
  .openapi('PushSendResult');

export const PushScheduledItemSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    url: z.string().nullable(),
    userId: z.string().nullable(),
    role: z.enum(PUSH_ROLES).nullable(),
    scheduledFor: z.string(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('PushScheduledItem');

export const PushScheduledListSchema = z
  .object({ items: z.array(PushScheduledItemSchema) })
  .openapi('PushScheduledList');

export const PushCancelledSchema = z
  .object({ id: z.string(), status: z.literal('cancelled') })
  .openapi('PushCancelled');

const counts = {
  targeted: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  delivered: z.number().int(),
  clicked: z.number().int(),
  removed: z.number().int(),
};
export const PushCountsSchema = z.object(counts);
export type PushCounts = z.infer<typeof PushCountsSchema>;

export const PushStatsSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.string(),
    ...counts,
    byRole: z.record(z.string(), PushCountsSchema).optional(),
  })
  .openapi('PushStats');

export type PushStats = z.infer<typeof PushStatsSchema>;

export const PushIdParamSchema = z.object({ id: z.uuid('Not a notification id.') });

export const PushReceiptInputSchema = z
  .object({
    deliveryId: z.uuid('deliveryId must be a UUID.'),
    event: z.enum(['delivered', 'clicked']),
  })
  .openapi('PushReceipt');

export type PushReceiptInput = z.infer<typeof PushReceiptInputSchema>;

/** What the service worker receives, decrypted (JSON). */
export interface PushPayload {
  title: string;
  body: string;
  icon?: string;
  badge?: string;
  url?: string;
  tag?: string;
  actions?: Array<{ action: string; title: string; url?: string }>;
  kind: string;
  deliveryId: string;
}
