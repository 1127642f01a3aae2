import { z } from '@hono/zod-openapi';
import { ROLES } from '@/server/db/schema';

export const RoleSchema = z.enum(ROLES).openapi('Role');

export const AccountSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    role: RoleSchema,
    /** an authenticator app is set up (staff must have one when STAFF_TWO_FACTOR=required) */
    twoFactorEnabled: z.boolean(),
  })
  .openapi('Account');

export const AdminUserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    emailVerified: z.boolean(),
    role: RoleSchema,
    shopSlug: z.string().nullable(),
    disabled: z.boolean(),
    twoFactorEnabled: z.boolean(),
    /** set while sign-in is locked after failed attempts (ISO time it ends) */
    lockedUntil: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('AdminUser');

export const AdminUserQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  role: RoleSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

export const AdminUserPatchSchema = z
  .object({
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
    shopSlug: z.string().trim().min(1).max(60).nullable().optional(),
  })
  .refine(
    (v) => v.role !== undefined || v.disabled !== undefined || v.shopSlug !== undefined,
    'Nothing to change.',
  )
  .openapi('AdminUserPatch');

export type AdminUser = z.infer<typeof AdminUserSchema>;

export const MySessionSchema = z
  .object({
    id: z.string(),
    /** as the browser sent it; summarised for people on the page */
    userAgent: z.string().nullable(),
    ipAddress: z.string().nullable(),
    /** when this sign-in happened */
    createdAt: z.string(),
    /** last refreshed (better-auth refreshes a session at most once a day) */
    updatedAt: z.string(),
    /** the session of the request itself ("this device") */
    current: z.boolean(),
  })
  .openapi('MySession');
export type MySession = z.infer<typeof MySessionSchema>;

/** Roles an invitation can give (customers sign up themselves). */
export const STAFF_ROLES = ['technician', 'manager', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const InvitationCreateSchema = z
  .object({
    email: z
      .string()
      .trim()
      .max(254, 'At most 254 characters.')
      .pipe(z.email('Enter a valid e-mail address.'))
      .transform((e) => e.toLowerCase()),
    role: z.enum(STAFF_ROLES, 'Choose technician, manager or admin.'),
    shopSlug: z
      .string()
      .trim()
      .max(60)
      .nullable()
      .optional()
      .transform((s) => s || null),
  })
  .superRefine((v, ctx) => {
    if (v.role !== 'admin' && !v.shopSlug)
      ctx.addIssue({ code: 'custom', path: ['shopSlug'], message: 'Choose the shop this person works at.' });
  })
  .openapi('InvitationCreate');
export type InvitationCreate = z.infer<typeof InvitationCreateSchema>;

export const InvitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(STAFF_ROLES),
    shopSlug: z.string().nullable(),
    status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
    invitedBy: z.string().nullable(),
    sentAt: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
  })
  .openapi('Invitation');
export type Invitation = z.infer<typeof InvitationSchema>;

/** What the accept page shows before the invitee sets a name and password. */
export const InvitationPreviewSchema = z
  .object({
    email: z.string(),
    role: z.enum(STAFF_ROLES),
    shopName: z.string().nullable(),
    /** the address already has a (customer) account: accepting promotes it */
    existingAccount: z.boolean(),
  })
  .openapi('InvitationPreview');
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;

export const InvitationAcceptSchema = z
  .object({
    token: z.string().min(1, 'The invitation link is incomplete.').max(200),
    name: z.string().trim().min(2, 'Enter your name.').max(100, 'At most 100 characters.'),
    password: z.string().min(10, 'At least 10 characters.').max(128, 'At most 128 characters.'),
  })
  .openapi('InvitationAccept');
