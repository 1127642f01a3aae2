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
