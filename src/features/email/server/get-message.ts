import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import type { MessageDetail } from '../schemas';
import { toSummary } from './list-messages';
import { renderStored } from './deferred-render';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One message with its HTML and text (attachments by name and size only). */
export async function getMessage(db: Db, id: string): Promise<MessageDetail | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db.select().from(emailMessages).where(eq(emailMessages.id, id));
  if (!row) return null;
  // a message queued with `renderLater` and not delivered yet: shown as it will be sent
  let made: Pick<typeof row, 'html' | 'text' | 'attachments'> = row;
  try {
    made = renderStored(row);
  } catch {
    // an attachment's maker is not registered here: the body still shows, without it
    made = { ...renderStored({ ...row, attachments: [] }), attachments: row.attachments };
  }
  return {
    ...toSummary(row),
    html: made.html,
    text: made.text,
    providerMessageId: row.providerMessageId,
    attachments: made.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: Buffer.byteLength(a.content, 'base64'),
    })),
  };
}
