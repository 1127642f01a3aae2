/**
 * The one way the app sends e-mail: render a template, store the message (status `queued`) and
 * queue its delivery. The queue worker delivers it through SMTP, or, with no SMTP configured,
 * marks it sent to the outbox (readable by admins). Other domains call this.
 *
 * Given a transaction, the message row AND its delivery job are written in it: they commit with
 * the caller's change (a booking, a status change, a refund) or not at all, so a crash after the
 * commit cannot lose the e-mail and a rolled-back change sends none.
 */
import type { Db } from '@/server/db/runtime';
import { emailMessages, type EmailAttachment } from '@/server/db/schema';
import { renderSubject, renderTemplate } from '../templates/render';
import type { TemplateData, TemplateName } from '../templates/types';
import { enqueueDelivery } from './enqueue-delivery';

export type { TemplateData, TemplateName } from '../templates/types';

export interface SendTemplateInput<T extends TemplateName> {
  to: string;
  template: T;
  data: TemplateData[T];
  attachments?: EmailAttachment[];
  /** a message with the same key is only ever stored (and sent) once */
  dedupeKey?: string;
  bookingId?: string;
  /** hold the delivery back until then (it may still be withdrawn: `cancelQueuedMessage`) */
  deliverAfter?: Date;
  /**
   * Store the data and render the HTML, text and `make` attachments when the message is
   * delivered (deferred-render.ts), not now: for messages queued inside a busy request (a
   * booking's confirmation). The subject is set now, so the outbox lists it at once.
   */
  renderLater?: boolean;
}

/** Returns the new message's id, or null when a message with the same dedupeKey already exists. */
export async function sendTemplate<T extends TemplateName>(
  db: Db,
  input: SendTemplateInput<T>,
): Promise<{ id: string } | null> {
  const { subject, html, text } = input.renderLater
    ? { subject: renderSubject(input.template, input.data), html: '', text: '' }
    : renderTemplate(input.template, input.data);
  const [row] = await db
    .insert(emailMessages)
    .values({
      toAddress: input.to,
      subject,
      html,
      text,
      template: input.template,
      templateData: input.renderLater ? input.data : null,
      attachments: input.attachments ?? [],
      dedupeKey: input.dedupeKey ?? null,
      bookingId: input.bookingId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: emailMessages.id });
  if (!row) return null;
  // the job goes in with the row (same db or transaction); where no queue runs in this process
  // the row stays `queued` and the sweep of a running instance queues it
  await enqueueDelivery(db, row.id, input.deliverAfter);
  return row;
}
