/**
 * The one way the app sends e-mail: render a template and queue it. Delivery (SMTP or the
 * outbox) happens in the e-mail queue worker. This first version only queues into the outbox
 * table; templates are plain. (Owned by the e-mail module.)
 */
import type { Db } from '@/server/db/runtime';
import { emailMessages, type EmailAttachment } from '@/server/db/schema';

export type TemplateName = 'verification' | 'password-reset';

export interface TemplateData {
  verification: { name: string; url: string };
  'password-reset': { name: string; url: string };
}

export interface SendTemplateInput<T extends TemplateName> {
  to: string;
  template: T;
  data: TemplateData[T];
  attachments?: EmailAttachment[];
  dedupeKey?: string;
  bookingId?: string;
}

function render<T extends TemplateName>(template: T, data: TemplateData[T]) {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  if (template === 'verification') {
    return {
      subject: 'Confirm your e-mail address',
      text: `Hello ${data.name},\n\nConfirm your e-mail address by opening this link:\n${data.url}\n\nThe link expires in 24 hours.`,
      html: `<p>Hello ${esc(data.name)},</p><p><a href="${esc(data.url)}">Confirm your e-mail address</a></p><p>The link expires in 24 hours.</p>`,
    };
  }
  return {
    subject: 'Reset your password',
    text: `Hello ${data.name},\n\nReset your password with this link:\n${data.url}\n\nIf you did not ask for this, ignore this e-mail.`,
    html: `<p>Hello ${esc(data.name)},</p><p><a href="${esc(data.url)}">Reset your password</a></p><p>If you did not ask for this, ignore this e-mail.</p>`,
  };
}

export async function sendTemplate<T extends TemplateName>(
  db: Db,
  input: SendTemplateInput<T>,
): Promise<{ id: string } | null> {
  const { subject, html, text } = render(input.template, input.data);
  const [row] = await db
    .insert(emailMessages)
    .values({
      toAddress: input.to,
      subject,
      html,
      text,
      template: input.template,
      attachments: input.attachments ?? [],
      dedupeKey: input.dedupeKey ?? null,
      bookingId: input.bookingId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: emailMessages.id });
  return row ?? null;
}
