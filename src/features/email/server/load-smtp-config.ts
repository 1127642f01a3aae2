import { eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { smtpSettings } from '@/server/db/schema';
import { decryptSecret } from '@/server/secrets';
import type { SmtpConfig } from './smtp-transport';

export type SmtpSettingsRow = typeof smtpSettings.$inferSelect;

export async function loadSmtpRow(db: Db): Promise<SmtpSettingsRow | null> {
  const [row] = await db.select().from(smtpSettings).where(eq(smtpSettings.id, 1));
  return row ?? null;
}

export function configFromRow(row: SmtpSettingsRow): SmtpConfig {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    password: row.passwordEncrypted ? decryptSecret(row.passwordEncrypted) : null,
    fromName: row.fromName,
    fromAddress: row.fromAddress,
  };
}

/** The saved SMTP configuration with the password decrypted, or null (outbox mode). */
export async function loadSmtpConfig(db: Db): Promise<SmtpConfig | null> {
  const row = await loadSmtpRow(db);
  return row ? configFromRow(row) : null;
}
