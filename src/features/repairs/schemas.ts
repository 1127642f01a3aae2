/**
 * The staff console's API shapes: filters, order views, and the bodies of every change a
 * technician or manager makes to an order.
 */
import { z } from '@hono/zod-openapi';
import { PASSCODE_POLICIES } from '@/server/db/schema';
import { QuoteSchema, UrgencySchema } from '@/features/pricing/schemas';
import { CustomerSchema } from '@/features/booking/schemas';
import { REPAIR_STATUSES } from './state-machine';
import { checkImeiSerial } from './imei';

const trimmed = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

export const RepairStatusSchema = z.enum(REPAIR_STATUSES).openapi('RepairStatus');
export const PasscodePolicySchema = z.enum(PASSCODE_POLICIES).openapi('PasscodePolicy');

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

export const StaffTimelineEventSchema = z
  .object({
    id: z.number().int(),
    type: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    actor: z.string(),
    actorUserId: z.string().nullable(),
    actorRole: z.string(),
    visibility: z.enum(['customer', 'internal']),
    message: z.string().nullable(),
    data: z.record(z.string(), z.unknown()).nullable(),
    at: z.string(),
  })
  .openapi('StaffTimelineEvent');
export type StaffTimelineEvent = z.infer<typeof StaffTimelineEventSchema>;

export const AllowedTransitionSchema = z.object({
  to: RepairStatusSchema,
  requires: z.array(z.enum(['reason', 'qc_note'])),
});
export type AllowedTransition = z.infer<typeof AllowedTransitionSchema>;

export const StaffOrderDetailSchema = StaffOrderSummarySchema.extend({
  bookingStatus: z.string(),
  customer: z.object({
    name: z.string(),
    email: z.string(),
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

/** The order's state after a change. */
export const StaffOrderStateSchema = z
  .object({
    id: z.string(),
    reference: z.string(),
    status: RepairStatusSchema,
    statusEnteredAt: z.string(),
    assignedTechnicianId: z.string().nullable(),
    receivedAt: z.string().nullable(),
    collectedAt: z.string().nullable(),
    warrantyEndsAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi('StaffOrderState');
export type StaffOrderState = z.infer<typeof StaffOrderStateSchema>;

export const IdParamSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .openapi({ description: "The order's id or its reference", example: 'RT-4K7Q2Z' }),
});

export const ChangeStatusBodySchema = z
  .object({
    to: RepairStatusSchema,
    reason: trimmed(1000).optional(),
    qcNote: trimmed(2000).optional(),
    message: trimmed(2000).optional().openapi({ description: 'Shown to the customer with the change' }),
  })
  .openapi('ChangeStatus');

export const AssignBodySchema = z
  .object({
    technicianId: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .nullable()
      .openapi({ description: 'The technician (technician or above); null to unassign' }),
  })
  .openapi('AssignOrder');

const imeiSerial = z
  .string()
  .max(60, 'At most 60 characters.')
  .transform((v, ctx) => {
    if (!v.trim()) return undefined;
    const check = checkImeiSerial(v);
    if (check.ok) return check.value;
    ctx.addIssue({
      code: 'custom',
      message:
        check.reason === 'imei_checksum'
          ? "This IMEI's check digit is wrong: please check the 15 digits."
          : 'Enter a 15-digit IMEI or a serial number of 4-30 letters and digits.',
    });
    return z.NEVER;
  });

/** Intake fields, shared by the intake of a booked order and a walk-in. */
export const IntakeFields = {
  conditionNotes: trimmed(2000).min(1, "Describe the device's condition."),
  accessories: z
    .array(trimmed(80).min(1, 'Name the accessory.'))
    .max(20, 'At most 20 accessories.')
    .default([]),
  passcodePolicy: PasscodePolicySchema,
  passcode: z.string().max(64, 'At most 64 characters.').optional(),
  imeiSerial: imeiSerial.optional(),
};

/** A passcode is given exactly when the policy is `provided`. */
function checkPasscode(
  v: { passcodePolicy: string; passcode?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  const given = v.passcode !== undefined && v.passcode.trim() !== '';
  if (v.passcodePolicy === 'provided' && !given) {
    ctx.addIssue({ code: 'custom', path: ['passcode'], message: 'Enter the passcode the customer gave.' });
  }
  if (v.passcodePolicy !== 'provided' && given) {
    ctx.addIssue({
      code: 'custom',
      path: ['passcode'],
      message: 'Only store a passcode when the policy is "passcode provided".',
    });
  }
}

export const IntakeBodySchema = z.object(IntakeFields).superRefine(checkPasscode).openapi('OrderIntake');
export type IntakeInput = z.infer<typeof IntakeBodySchema>;

export const NoteBodySchema = z
  .object({
    body: trimmed(4000).min(1, 'Write the note.'),
    visibility: z.enum(['internal', 'customer']).default('internal'),
  })
  .openapi('OrderNote');

export const MessageBodySchema = z
  .object({ body: trimmed(4000).min(1, 'Write the message.') })
  .openapi('OrderMessage');

export const WalkInBodySchema = z
  .object({
    modelSlug: trimmed(100).min(1, 'Choose a device model.'),
    repairSlugs: z
      .array(trimmed(60).min(1))
      .min(1, 'Choose at least one repair.')
      .max(10, 'At most 10 repairs per order.')
      .refine((a) => new Set(a).size === a.length, 'Each repair may be chosen once.'),
    urgency: UrgencySchema.default('standard'),
    customer: CustomerSchema,
    faultDescription: trimmed(2000).optional(),
    shopSlug: trimmed(60).min(1).optional().openapi({ description: 'Required for staff not tied to a shop' }),
    ...IntakeFields,
  })
  .superRefine(checkPasscode)
  .openapi('WalkIn');
export type WalkInInput = z.infer<typeof WalkInBodySchema>;

export const WalkInCreatedSchema = z
  .object({
    orderId: z.string(),
    reference: z.string(),
    status: RepairStatusSchema,
    trackingUrl: z.string(),
  })
  .openapi('WalkInCreated');
export type WalkInCreated = z.infer<typeof WalkInCreatedSchema>;

export const TechnicianSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: z.enum(['technician', 'manager', 'admin']),
    shopSlug: z.string().nullable(),
  })
  .openapi('Technician');
export type Technician = z.infer<typeof TechnicianSchema>;

export const PasscodeRevealSchema = z.object({ passcode: z.string() }).openapi('PasscodeReveal');
