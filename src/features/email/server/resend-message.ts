import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import type { MessageDetail } from '../schemas';
import { enqueueDelivery } from './enqueue-delivery';
import { getMessage } from './get-message';

/** Puts a failed, dead or sent message back in the queue (with a fresh set of retries). */
export async function resendMessage(db: Db, id: string): Promise<MessageDetail> {
  const existing = await getMessage(db, id);
  if (!existing) throw new DomainError('NOT_FOUND', 'No e-mail with that id.');
  const [row] = await db
    .update(emailMessages)
    .set({ status: 'queued', updatedAt: new Date() })
    .where(and(eq(emailMessages.id, id), inArray(emailMessages.status, ['failed', 'dead', 'sent'])))
    .returning({ id: emailMessages.id });
  if (!row) throw new DomainError('CONFLICT', 'This e-mail is already waiting to be sent.');
  await enqueueDelivery(db, id);
  return (await getMessage(db, id))!;
}
