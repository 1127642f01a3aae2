import { DomainError } from '@/server/domain-error';
import { SMTP_PRESETS, type SmtpSettingsInput } from '../schemas';
import type { SmtpConfig } from './smtp-transport';
import { configFromRow, type SmtpSettingsRow } from './load-smtp-config';

/**
 * Settings from the form, completed from the preset (explicit fields win) and, for an empty
 * password, the saved one. Input is already validated by SmtpSettingsInputSchema.
 */
export function resolveSmtpInput(input: SmtpSettingsInput, saved: SmtpSettingsRow | null): SmtpConfig {
  const preset = SMTP_PRESETS[input.preset];
  const host = input.host ?? preset?.host;
  const port = input.port ?? preset?.port;
  if (!host || port === undefined) {
    throw new DomainError('VALIDATION_FAILED', 'The SMTP settings are incomplete.', [
      ...(host ? [] : [{ path: 'host', message: 'Enter the SMTP server.' }]),
      ...(port !== undefined ? [] : [{ path: 'port', message: 'Enter a port number.' }]),
    ]);
  }
  const username = (input.username || preset?.username) ?? null;
  const keepSaved = !input.password && saved?.passwordEncrypted && saved.username === username;
  return {
    host,
    port,
    security: input.security ?? preset?.security ?? (port === 465 ? 'tls' : 'starttls'),
    username,
    password: input.password ? input.password : keepSaved && saved ? configFromRow(saved).password : null,
    fromName: input.fromName,
    fromAddress: input.fromAddress,
  };
}
