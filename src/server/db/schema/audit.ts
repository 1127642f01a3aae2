import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The append-only audit log of security-relevant events. A trigger (migration 0004) refuses
 * every UPDATE, DELETE and TRUNCATE, so no code path can change or remove a row. The actor is
 * kept as plain text (no foreign key), so deleting a user never touches the log.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    type: text('type').notNull(),
    actorUserId: text('actor_user_id'),
    actorEmail: text('actor_email'),
    actorRole: text('actor_role'),
    targetType: text('target_type'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_type_idx').on(t.type, t.occurredAt),
    index('audit_events_actor_idx').on(t.actorUserId, t.occurredAt),
    // the actor filter's contains-search (ILIKE '%text%'): a trigram index (pg_trgm)
    index('audit_events_actor_email_trgm_idx').using('gin', t.actorEmail.op('gin_trgm_ops')),
  ],
);
