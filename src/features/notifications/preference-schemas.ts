/**
 * Notification preferences: which kinds of notice a person hears about, per channel. Shared by
 * the server, the API and the settings panels (My account, the console).
 */
import { z } from '@hono/zod-openapi';

export const CUSTOMER_KINDS = [
  'quote_ready',
  'ready_for_collection',
  'shop_message',
  'payment_received',
] as const;
export const STAFF_KINDS = ['new_booking', 'checked_in', 'order_overdue'] as const;
export const NOTICE_KINDS = [...CUSTOMER_KINDS, ...STAFF_KINDS] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const CHANNELS = ['email', 'push', 'inApp'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The kinds that apply to a role: customers hear about their repairs, staff about the shop's work. */
export function kindsForRole(role: string): readonly NoticeKind[] {
  return role === 'customer' ? CUSTOMER_KINDS : STAFF_KINDS;
}

const ChannelsSchema = z
  .object({ email: z.boolean(), push: z.boolean(), inApp: z.boolean() })
  .openapi('NotificationChannels');

export const PreferenceSchema = z
  .object({ kind: z.enum(NOTICE_KINDS), channels: ChannelsSchema })
  .openapi('NotificationPreference');
export type Preference = z.infer<typeof PreferenceSchema>;

export const PreferenceListSchema = z
  .object({ items: z.array(PreferenceSchema) })
  .openapi('NotificationPreferences');
export type PreferenceList = z.infer<typeof PreferenceListSchema>;

export const PreferenceUpdateSchema = z
  .object({
    items: z
      .array(
        z.object({
          kind: z.enum(NOTICE_KINDS, { message: `Choose one of: ${NOTICE_KINDS.join(', ')}.` }),
          channels: z
            .object({
              email: z.boolean().optional(),
              push: z.boolean().optional(),
              inApp: z.boolean().optional(),
            })
            .strict(),
        }),
      )
      .min(1, 'Send at least one preference.')
      .max(NOTICE_KINDS.length * 2),
  })
  .openapi('NotificationPreferencesUpdate');
export type PreferenceUpdate = z.infer<typeof PreferenceUpdateSchema>;
