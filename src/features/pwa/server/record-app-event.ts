import type { Db } from '@/server/db/client';
import { appEvents } from '@/server/db/schema';
import type { AppEvent } from '../schemas';

/** Stores one app event (install prompt shown / accepted / dismissed, app installed). */
export async function recordAppEvent(db: Db, event: AppEvent, userId: string | null): Promise<void> {
  await db.insert(appEvents).values({ name: event.name, data: event.data ?? {}, userId });
}
