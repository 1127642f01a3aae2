import { z } from '@hono/zod-openapi';

/** One in-app notification; the client words it from `type` + `data` (messages: `notifications`). */
export const NotificationSchema = z
  .object({
    id: z.number().int(),
    type: z.string(),
    orderId: z.string().nullable(),
    reference: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    read: z.boolean(),
    createdAt: z.string(),
    /** the page to open: the order in the portal (customers) or the staff console */
    href: z.string().nullable(),
  })
  .openapi('Notification');

export type NotificationItem = z.infer<typeof NotificationSchema>;

export const NotificationListSchema = z
  .object({ items: z.array(NotificationSchema), unreadCount: z.number().int() })
  .openapi('NotificationList');

export type NotificationList = z.infer<typeof NotificationListSchema>;

export const NotificationQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const MarkReadSchema = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(200).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => (v.ids ? 1 : 0) + (v.all ? 1 : 0) === 1, {
    message: 'Send either `ids` or `all: true`.',
    path: ['ids'],
  })
  .openapi('MarkNotificationsRead');

export type MarkRead = z.infer<typeof MarkReadSchema>;

export const MarkReadResultSchema = z
  .object({ updated: z.number().int(), unreadCount: z.number().int() })
  .openapi('MarkNotificationsReadResult');
