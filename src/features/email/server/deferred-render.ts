/**
 * Rendering at delivery: a message queued with `renderLater` (send-template.ts) is stored with
 * its subject and template data; its HTML, text and any `make` attachments (a booking's `.ics`)
 * are made here, by the delivery worker, out of the request that queued it. Attachment makers are
 * registered by the entry (src/server/entry/hooks.ts), so this domain knows no other.
 */
import { emailMessages, type EmailAttachment } from '@/server/db/schema';
import { renderTemplate } from '../templates/render';
import type { TemplateData, TemplateName } from '../templates/types';

/** Makes an attachment's base64 content from its stored input; null: nothing to attach. */
export type AttachmentMaker = (input: unknown) => string | null;

declare global {
  var __rtAttachmentMakers: Map<string, AttachmentMaker> | undefined;
}

/** Kept on globalThis: Next's bundle and the server's modules are two module graphs. */
const makers = (): Map<string, AttachmentMaker> => (globalThis.__rtAttachmentMakers ??= new Map());

export function registerAttachmentMaker(kind: string, maker: AttachmentMaker): void {
  makers().set(kind, maker);
}

type Row = Pick<
  typeof emailMessages.$inferSelect,
  'template' | 'templateData' | 'html' | 'text' | 'attachments'
>;

/** Whether the row still waits to be rendered. */
export function awaitsRendering(row: Pick<Row, 'templateData'>): boolean {
  return row.templateData !== null && row.templateData !== undefined;
}

/** The row's HTML, text and attachments, made now (throws when an attachment has no maker). */
export function renderStored(row: Row): { html: string; text: string; attachments: EmailAttachment[] } {
  if (!awaitsRendering(row)) return { html: row.html, text: row.text, attachments: row.attachments };
  const template = row.template as TemplateName;
  const { html, text } = renderTemplate(template, row.templateData as TemplateData[typeof template]);
  const attachments: EmailAttachment[] = [];
  for (const a of row.attachments) {
    if (!a.make) {
      attachments.push(a);
      continue;
    }
    const maker = makers().get(a.make.kind);
    if (!maker) throw new Error(`no attachment maker "${a.make.kind}" is registered in this process`);
    const content = maker(a.make.input);
    if (content !== null) attachments.push({ filename: a.filename, contentType: a.contentType, content });
  }
  return { html, text, attachments };
}
