import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { user } from './auth';

/**
 * Small product events recorded by the browser app (the install prompt shown, accepted or
 * dismissed; the app installed), read by analytics. The user is kept when signed in, and
 * forgotten (set null) when the account is deleted.
 */
export const appEvents = pgTable(
  'app_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    data: jsonb('data').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('app_events_name_created_idx').on(t.name, t.createdAt)],
);
