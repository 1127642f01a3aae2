import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import type { MessageDetail } from '../schemas';
import { toSummary } from './list-messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One message with its HTML and text (attachments by name and size only). */
export async function getMessage(db: Db, id: string): Promise<MessageDetail | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
  if (!row) return null;
  return {
    ...toSummary(row),
    html: row.html,
    text: row.text,
    providerMessageId: row.providerMessageId,
    attachments: row.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: Buffer.byteLength(a.content, 'base64'),
    })),
  };
}
