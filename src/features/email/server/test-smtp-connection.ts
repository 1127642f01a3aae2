import type { Db } from '@/server/db/runtime';
import type { SmtpCheckResult, SmtpSettingsInput } from '../schemas';
import { loadSmtpRow, configFromRow } from './load-smtp-config';
import { resolveSmtpInput } from './resolve-smtp-input';
import { createSmtpTransport, describeSmtpError, type SmtpConfig } from './smtp-transport';

const CHECK_TIMEOUTS = { connectionMs: 8_000, greetingMs: 8_000, socketMs: 10_000 };

/** Real SMTP handshake (+ STARTTLS + AUTH) with short timeouts; never throws for a bad server. */
export async function verifySmtp(cfg: SmtpConfig): Promise<SmtpCheckResult> {
  const transport = createSmtpTransport(cfg, CHECK_TIMEOUTS);
  try {
    await transport.verify();
    const auth = cfg.username ? ` and signed in as ${cfg.username}` : '';
    return { ok: true, message: `Connected to ${cfg.host}:${cfg.port}${auth}.` };
  } catch (err) {
    return { ok: false, message: describeSmtpError(err, cfg) };
  } finally {
    transport.close();
  }
}

export class SmtpNotConfiguredError extends Error {
  constructor() {
    super('No SMTP server is configured yet.');
  }
}

/**
 * Tests the given settings (an empty password uses the saved one) or, without input, the saved
 * settings.
 */
export async function testSmtpConnection(db: Db, input?: SmtpSettingsInput): Promise<SmtpCheckResult> {
  const saved = await loadSmtpRow(db);
  if (input) return verifySmtp(resolveSmtpInput(input, saved));
  if (!saved) throw new SmtpNotConfiguredError();
  return verifySmtp(configFromRow(saved));
}
