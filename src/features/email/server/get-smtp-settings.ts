import type { Db } from '@/server/db/runtime';
import type { SmtpSettings } from '../schemas';
import { loadSmtpRow } from './load-smtp-config';

/** The SMTP settings as shown to admins: never the password, only whether one is saved. */
export async function getSmtpSettings(db: Db): Promise<SmtpSettings> {
  const row = await loadSmtpRow(db);
  if (!row) {
    return {
      configured: false,
      preset: null,
      host: null,
      port: null,
      security: null,
      username: null,
      hasPassword: false,
      fromName: null,
      fromAddress: null,
      updatedAt: null,
    };
  }
  return {
    configured: true,
    preset: row.preset as SmtpSettings['preset'],
    host: row.host,
    port: row.port,
    security: row.security,
    username: row.username,
    hasPassword: Boolean(row.passwordEncrypted),
    fromName: row.fromName,
    fromAddress: row.fromAddress,
    updatedAt: row.updatedAt.toISOString(),
  };
}
