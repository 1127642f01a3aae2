/**
 * A person's notification preferences for the kinds that apply to their role, every channel on
 * unless they turned it off. `wantsNotice` answers the dispatcher's question for many people at
 * once: who wants this kind of notice on this channel.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { notificationPreferences } from '@/server/db/schema';
import {
  CHANNELS,
  kindsForRole,
  type Channel,
  type NoticeKind,
  type PreferenceList,
} from '../../preference-schemas';

/** The stored channel names (snake_case in the table, camelCase in the API). */
export const CHANNEL_COLUMN: Record<Channel, string> = { email: 'email', push: 'push', inApp: 'in_app' };

export async function getPreferences(db: Db, who: { id: string; role: string }): Promise<PreferenceList> {
  const kinds = kindsForRole(who.role);
  const rows = await db
    .select()
    .from(notificationPreferences)
    .where(
      and(eq(notificationPreferences.userId, who.id), inArray(notificationPreferences.kind, [...kinds])),
    );
  const off = new Set(rows.filter((r) => !r.enabled).map((r) => `${r.kind}:${r.channel}`));
  return {
    items: kinds.map((kind) => ({
      kind,
      channels: {
        email: !off.has(`${kind}:${CHANNEL_COLUMN.email}`),
        push: !off.has(`${kind}:${CHANNEL_COLUMN.push}`),
        inApp: !off.has(`${kind}:${CHANNEL_COLUMN.inApp}`),
      },
    })),
  };
}

/** For each channel, which of `userIds` want `kind` on it (a missing choice is "yes"). */
export async function wantsNotice(
  db: Db,
  userIds: readonly string[],
  kind: NoticeKind,
): Promise<Record<Channel, string[]>> {
  const unique = [...new Set(userIds)];
  const result: Record<Channel, string[]> = { email: [], push: [], inApp: [] };
  if (unique.length === 0) return result;
  const rows = await db
    .select({ userId: notificationPreferences.userId, channel: notificationPreferences.channel })
    .from(notificationPreferences)
    .where(
      and(
        inArray(notificationPreferences.userId, unique),
        eq(notificationPreferences.kind, kind),
        eq(notificationPreferences.enabled, false),
      ),
    );
  const off = new Set(rows.map((r) => `${r.userId}:${r.channel}`));
  for (const channel of CHANNELS) {
    result[channel] = unique.filter((id) => !off.has(`${id}:${CHANNEL_COLUMN[channel]}`));
  }
  return result;
}
