import type { Db } from '@/server/db/runtime';
import { smtpSettings } from '@/server/db/schema';
import { encryptSecret } from '@/server/secrets';
import type { SmtpSettings, SmtpSettingsInput } from '../schemas';
import { loadSmtpRow } from './load-smtp-config';
import { resolveSmtpInput } from './resolve-smtp-input';
import { getSmtpSettings } from './get-smtp-settings';
import { recordAudit, type AuditActor, type AuditRequest } from '@/features/audit/server';

/**
 * Saves the one SMTP configuration in a single upsert (nothing is half-saved). The password is
 * encrypted with AES-256-GCM; an empty password keeps the saved one (for the same user name).
 */
export async function configureSmtp(
  db: Db,
  input: SmtpSettingsInput,
  opts: { updatedBy?: string | null; actor?: AuditActor | null; request?: AuditRequest | null } = {},
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
  await db.transaction(async (tx) => {
    await tx.insert(smtpSettings).values(values).onConflictDoUpdate({ target: smtpSettings.id, set: values });
    // never the password: only whether one is stored
    await recordAudit(tx, {
      type: 'smtp_settings_changed',
      actor: opts.actor ?? (opts.updatedBy ? { id: opts.updatedBy } : null),
      request: opts.request ?? null,
      target: { type: 'smtp_settings', id: '1' },
      details: {
        preset: values.preset,
        host: values.host,
        port: values.port,
        security: values.security,
        username: values.username,
        fromAddress: values.fromAddress,
        passwordSet: values.passwordEncrypted !== null,
      },
    });
  });
  return getSmtpSettings(db);
}
