import { bigserial, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { user } from './auth';

/**
 * Failed sign-in bookkeeping per account subject (the lower-cased e-mail, whether or not an
 * account has it, so a lock never tells an attacker which addresses are registered).
 * Wrong passwords and wrong second-factor codes count towards the same budget.
 */
export const authLockouts = pgTable('auth_lockouts', {
  subject: text('subject').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  /** locks in a row (each doubles the next lock); forgotten a day after the last lock */
  lockCount: integer('lock_count').notNull().default(0),
  lastLockedAt: timestamp('last_locked_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type RiskFactor = { code: string; points: number; detail: string };

/** One row per sign-in that got past the password: its risk score, the factors and the decision. */
export const securityEvents = pgTable(
  'security_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    userId: text('user_id'),
    email: text('email'),
    ip: text('ip'),
    ipPrefix: text('ip_prefix'),
    userAgent: text('user_agent'),
    deviceFingerprint: text('device_fingerprint'),
    score: integer('score').notNull(),
    factors: jsonb('factors').$type<RiskFactor[]>().notNull().default([]),
    /** allow | step_up | block */
    decision: text('decision').notNull(),
    /** signed_in | two_factor | step_up_sent | step_up_passed | blocked */
    outcome: text('outcome').notNull(),
  },
  (t) => [
    index('security_events_occurred_idx').on(t.occurredAt),
    index('security_events_user_idx').on(t.userId, t.occurredAt),
  ],
);

/** Devices (device cookie + browser) a user has completed a sign-in from. */
export const knownDevices = pgTable(
  'known_devices',
  {
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    fingerprint: text('fingerprint').notNull(),
    userAgent: text('user_agent'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.fingerprint] })],
);

/** Network ranges (IPv4 /24, IPv6 /48) a user has completed a sign-in from. */
export const knownNetworks = pgTable(
  'known_networks',
  {
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    ipPrefix: text('ip_prefix').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ipPrefix] })],
);
