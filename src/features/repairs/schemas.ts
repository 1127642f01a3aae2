/**
 * The order workflow's shapes: statuses, timeline events (as staff and as customers see them),
 * the next step, and the bodies of every change a technician or manager makes to an order.
 */
import { z } from '@hono/zod-openapi';
import { PASSCODE_POLICIES } from '@/server/db/schema';
import { REPAIR_STATUSES } from './state-machine';
import { checkImeiSerial } from './imei';
import { NEXT_STEP_KEYS } from './next-step';
import { MESSAGE_MAX_LENGTH } from './limits';

export { MESSAGE_MAX_LENGTH };

export const trimmed = (max: number) => z.string().trim().max(max, `At most ${max} characters.`);

export const RepairStatusSchema = z.enum(REPAIR_STATUSES).openapi('RepairStatus');
export const PasscodePolicySchema = z.enum(PASSCODE_POLICIES).openapi('PasscodePolicy');

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
    /** +1 on every change to the order; send it back as `expectedVersion` */
    version: z.number().int(),
  })
  .openapi('StaffOrderState');
export type StaffOrderState = z.infer<typeof StaffOrderStateSchema>;

/** The answer to a staff status move: the new state, and how its author may take it back. */
export const StaffStatusChangeSchema = StaffOrderStateSchema.extend({
  undo: z
    .object({
      /** the move's timeline event: send it to `POST /api/staff/orders/{id}/status/undo` */
      eventId: z.number().int(),
      /** ISO 8601: the undo is refused after this */
      until: z.string(),
    })
    .nullable(),
}).openapi('StaffStatusChange');
export type StaffStatusChange = z.infer<typeof StaffStatusChangeSchema>;

export const UndoStatusBodySchema = z
  .object({
    eventId: z
      .number('The event id is a whole number.')
      .int('The event id is a whole number.')
      .positive('The event id is a whole number.'),
  })
  .openapi('UndoStatusChange');

export const IdParamSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .openapi({ description: "The order's id or its reference", example: 'RT-4K7Q2Z' }),
});

/**
 * The order version the change was based on: when it is no longer the current one the change is
 * refused (409 VERSION_CONFLICT, with the current state). Leave it out to change regardless.
 */
export const expectedVersion = z
  .number('The expected version is a whole number.')
  .int('The expected version is a whole number.')
  .min(1, 'The expected version is at least 1.')
  .max(2_147_483_647, 'The expected version is too large.')
  .optional()
  .openapi({ description: 'The order version this change is based on (409 VERSION_CONFLICT when stale)' });

export const ChangeStatusBodySchema = z
  .object({
    to: RepairStatusSchema,
    expectedVersion,
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
    expectedVersion,
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
export function checkPasscode(
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

export const IntakeBodySchema = z
  .object({ ...IntakeFields, expectedVersion })
  .superRefine(checkPasscode)
  .openapi('OrderIntake');
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

/** Event types a customer may see (when the event itself is customer-visible). */
export const CUSTOMER_EVENT_TYPES = [
  'created',
  'status_changed',
  'rescheduled',
  'note',
  'message',
  'quote_sent',
  'quote_approved',
  'quote_declined',
  'photo_added',
] as const;

export const OrderEventSchema = z
  .object({
    id: z.number().int(),
    type: z.string(),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    message: z.string().nullable(),
    /** who did it: a customer or staff member's display name; null for the system */
    actor: z.object({ name: z.string().nullable(), role: z.enum(['customer', 'staff', 'system']) }),
    at: z.string(),
  })
  .openapi('OrderEvent');

export const NextStepSchema = z
  .object({
    key: z.enum(NEXT_STEP_KEYS),
    slotStartsAt: z.string().nullable(),
    shopName: z.string().nullable(),
    warrantyEndsAt: z.string().nullable(),
  })
  .openapi('NextStep');

export type OrderEventDto = z.infer<typeof OrderEventSchema>;
export type NextStepDto = z.infer<typeof NextStepSchema>;
