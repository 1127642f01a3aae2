/**
 * Notification preferences: which kinds of notice a person hears about, per channel. Shared by
 * the server, the API and the settings panels (My account, the console).
 */
import { z } from '@hono/zod-openapi';

import { NOTICE_KINDS } from './notice-kinds';

export {
  CHANNELS,
  CUSTOMER_KINDS,
  NOTICE_KINDS,
  STAFF_KINDS,
  kindsForRole,
  type Channel,
  type NoticeKind,
} from './notice-kinds';

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
