import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import { renderTemplate } from '../templates/render';
import type { SmtpCheckResult } from '../schemas';
import { loadSmtpConfig } from './load-smtp-config';
import { describeSmtpError } from './smtp-transport';
import { sendThroughSmtp } from './deliver-message';
import { SmtpNotConfiguredError } from './test-smtp-connection';

/**
 * Sends the test e-mail synchronously through the saved SMTP settings and reports the server's
 * answer. The attempt is recorded in the outbox like any other message.
 */
export async function sendTestEmail(db: Db, to: string, now = new Date()): Promise<SmtpCheckResult> {
  const cfg = await loadSmtpConfig(db);
  if (!cfg) throw new SmtpNotConfiguredError();
  const sentAt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short' }).format(now);
  const rendered = renderTemplate('smtp-test', { sentAt });
  const message = { toAddress: to, ...rendered, attachments: [] };
  let result: SmtpCheckResult;
  let providerMessageId: string | null = null;
  try {
    const info = await sendThroughSmtp(cfg, message);
    providerMessageId = info.messageId;
    result = { ok: true, message: `The server accepted the message: ${info.response}` };
  } catch (err) {
    result = { ok: false, message: describeSmtpError(err, cfg) };
  }
  await db.insert(emailMessages).values({
    ...message,
    template: 'smtp-test',
    status: result.ok ? 'sent' : 'failed',
    transport: 'smtp',
    attempts: 1,
    lastError: result.ok ? null : result.message,
    providerMessageId,
    sentAt: result.ok ? new Date() : null,
  });
  return result;
}
