/**
 * Saves a person's choices (only the channels sent are changed) and answers with the whole set,
 * as GET does. A kind that does not apply to the caller's role is a 422 naming the field.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { notificationPreferences } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { CHANNELS, kindsForRole, type PreferenceList, type PreferenceUpdate } from '../../preference-schemas';
import { CHANNEL_COLUMN, getPreferences } from './get-preferences';

export async function updatePreferences(
  db: Db,
  who: { id: string; role: string },
  input: PreferenceUpdate,
  now = new Date(),
): Promise<PreferenceList> {
  const allowed = new Set<string>(kindsForRole(who.role));
  const wrong = input.items
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => !allowed.has(item.kind))
    .map(({ i }) => ({
      path: `items.${i}.kind`,
      message: `This kind of notice is not for your account; choose one of: ${[...allowed].join(', ')}.`,
    }));
  if (wrong.length > 0)
    throw new DomainError('VALIDATION_FAILED', 'Some preferences do not apply to you.', wrong);
  const values = input.items.flatMap((item) =>
    CHANNELS.filter((ch) => item.channels[ch] !== undefined).map((ch) => ({
      userId: who.id,
      kind: item.kind,
      channel: CHANNEL_COLUMN[ch],
      enabled: item.channels[ch]!,
      updatedAt: now,
    })),
  );
  // the same kind and channel twice in one request: the last one wins
  const unique = [...new Map(values.map((v) => [`${v.kind}:${v.channel}`, v])).values()];
  if (unique.length > 0) {
    await db
      .insert(notificationPreferences)
      .values(unique)
      .onConflictDoUpdate({
        target: [
          notificationPreferences.userId,
          notificationPreferences.kind,
          notificationPreferences.channel,
        ],
        set: { enabled: sql`excluded.enabled`, updatedAt: sql`excluded.updated_at` },
      });
  }
  return getPreferences(db, who);
}
