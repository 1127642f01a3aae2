import type { Db } from '@/server/db/runtime';
import { smtpSettings } from '@/server/db/schema';
import { encryptSecret } from '@/server/secrets';
import type { SmtpSettings, SmtpSettingsInput } from '../schemas';
import { loadSmtpRow } from './load-smtp-config';
import { resolveSmtpInput } from './resolve-smtp-input';
import { getSmtpSettings } from './get-smtp-settings';

/**
 * Saves the one SMTP configuration in a single upsert (nothing is half-saved). The password is
 * encrypted with AES-256-GCM; an empty password keeps the saved one (for the same user name).
 */
export async function configureSmtp(
  db: Db,
  input: SmtpSettingsInput,
  opts: { updatedBy?: string | null } = {},
): Promise<SmtpSettings> {
  const saved = await loadSmtpRow(db);
  const cfg = resolveSmtpInput(input, saved);
  const values = {
    id: 1,
    preset: input.preset,
    host: cfg.host,
    port: cfg.port,
    security: cfg.security,
    username: cfg.username,
    passwordEncrypted: cfg.password ? encryptSecret(cfg.password) : null,
    fromName: cfg.fromName,
    fromAddress: cfg.fromAddress,
    updatedBy: opts.updatedBy ?? null,
    updatedAt: new Date(),
  };
  await db.insert(smtpSettings).values(values).onConflictDoUpdate({ target: smtpSettings.id, set: values });
  return getSmtpSettings(db);
}
