/**
 * The staff console's API shapes: the queue's filters, order summaries and the order page's
 * view.
 */
import { z } from '@hono/zod-openapi';
import { QuoteSchema, UrgencySchema } from '@/features/pricing/schemas';
import { REPAIR_STATUSES } from '@/features/repairs';
import {
  AllowedTransitionSchema,
  PasscodePolicySchema,
  RepairStatusSchema,
  StaffTimelineEventSchema,
  trimmed,
} from '@/features/repairs/schemas';

/** `active` stands for every status an order can still leave (not collected or cancelled). */
export const STATUS_FILTERS = [...REPAIR_STATUSES, 'active'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const STAFF_ORDER_SORTS = ['newest', 'waiting'] as const;
export type StaffOrderSort = (typeof STAFF_ORDER_SORTS)[number];

const statusList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(STATUS_FILTERS, 'Unknown status.')).max(20));

export const StaffOrderQuerySchema = z.object({
  status: statusList.optional().openapi({
    description:
      'One or more statuses (repeat the parameter or separate with commas); `active` = not finished',
    example: 'received,diagnosing',
  }),
  shop: trimmed(60).min(1).optional(),
  technician: trimmed(100)
    .min(1)
    .optional()
    .openapi({ description: 'A user id, `me` or `unassigned`', example: 'me' }),
  urgency: UrgencySchema.optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: 'Only orders past their status time limit' }),
  q: trimmed(100)
    .optional()
    .openapi({ description: 'Reference, customer name/e-mail/phone, device, IMEI or serial' }),
  sort: z.enum(STAFF_ORDER_SORTS).default('newest'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type StaffOrderQuery = z.infer<typeof StaffOrderQuerySchema>;

const PersonSchema = z.object({ id: z.string(), name: z.string() });
const DeviceSchema = z.object({ slug: z.string(), name: z.string(), brandName: z.string() });
const ShopRefSchema = z.object({ slug: z.string(), name: z.string(), timeZone: z.string() });

export const StaffOrderSummarySchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: RepairStatusSchema,
    statusEnteredAt: z.string(),
    overdue: z.boolean(),
    urgency: z.string(),
    serviceType: z.enum(['drop_off', 'mail_in', 'walk_in']),
    slotStartsAt: z.string().nullable(),
    device: DeviceSchema,
    customerName: z.string(),
    shop: ShopRefSchema.nullable(),
    assignedTechnician: PersonSchema.nullable(),
    agreedTotalMinor: z.number().int().nullable(),
    currency: z.string(),
    createdAt: z.string(),
    /** +1 on every change to the order; a change made from the list is based on it */
    version: z.number().int(),
  })
  .openapi('StaffOrderSummary');
export type StaffOrderSummary = z.infer<typeof StaffOrderSummarySchema>;

export const StaffOrderListSchema = z
  .object({
    items: z.array(StaffOrderSummarySchema),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
    nextOffset: z.number().int().nullable(),
  })
  .openapi('StaffOrderList');
export type StaffOrderList = z.infer<typeof StaffOrderListSchema>;

export const StaffOrderDetailSchema = StaffOrderSummarySchema.extend({
  bookingStatus: z.string(),
  customer: z.object({
    name: z.string(),
    /** null for a walk-in who gave only a phone number */
    email: z.string().nullable(),
    phone: z.string().nullable(),
    hasAccount: z.boolean(),
  }),
  faultDescription: z.string().nullable(),
  imeiSerial: z.string().nullable(),
  intake: z.object({
    conditionNotes: z.string().nullable(),
    accessories: z.array(z.string()),
    passcodePolicy: PasscodePolicySchema.nullable(),
    /** whether a passcode is stored (it is only ever shown through the reveal route) */
    hasPasscode: z.boolean(),
    receivedAt: z.string().nullable(),
    receivedBy: PersonSchema.nullable(),
  }),
  lines: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      description: z.string(),
      quantity: z.number().int(),
      unitMinor: z.number().int(),
      totalMinor: z.number().int(),
    }),
  ),
  linesTotalMinor: z.number().int(),
  quote: QuoteSchema,
  collectedAt: z.string().nullable(),
  warrantyEndsAt: z.string().nullable(),
  updatedAt: z.string(),
  /** +1 on every change to the order; offline changes carry it back as `expectedVersion` */
  version: z.number().int(),
  /** the customer's tracking page (signed link the server can always make again) */
  trackingPath: z.string(),
  timeline: z.array(StaffTimelineEventSchema),
  allowedTransitions: z.array(AllowedTransitionSchema),
  permissions: z.object({
    /** change status, do intake, reveal the passcode */
    update: z.boolean(),
    /** assign to anyone (manager of the order's shop, admin) */
    assignAnyone: z.boolean(),
    /** take the job (an unassigned order, to oneself) */
    take: z.boolean(),
  }),
}).openapi('StaffOrderDetail');
export type StaffOrderDetail = z.infer<typeof StaffOrderDetailSchema>;
