import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { user, type Role } from './auth';

/**
 * Staff invitations: an admin invites an address with a role and shop; the invitee opens the
 * e-mailed link (a random token, stored only as its SHA-256), sets a name and password and
 * becomes staff. A link works once (accepted_at is set in the same statement that checks it)
 * and until expires_at; a resend replaces the token. At most one open invitation per address.
 */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    role: text('role').$type<Exclude<Role, 'customer'>>().notNull(),
    shopSlug: text('shop_slug'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedByUserId: text('invited_by_user_id').references(() => user.id, { onDelete: 'set null' }),
    invitedByName: text('invited_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: text('accepted_user_id').references(() => user.id, { onDelete: 'set null' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('staff_invitations_open_email_uq')
      .on(sql`lower(${t.email})`)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
    index('staff_invitations_created_idx').on(t.createdAt),
  ],
);
