/** SMTP presets, host checks and message statuses: pure, shared by the server and the admin pages. */
export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'dead', 'cancelled'] as const;

export const SMTP_PRESETS = {
  gmail: { host: 'smtp.gmail.com', port: 587, security: 'starttls', username: null },
  outlook: { host: 'smtp.office365.com', port: 587, security: 'starttls', username: null },
  sendgrid: { host: 'smtp.sendgrid.net', port: 587, security: 'starttls', username: 'apikey' },
  custom: null,
} as const;
export type SmtpPreset = keyof typeof SMTP_PRESETS;
export const SMTP_PRESET_NAMES = Object.keys(SMTP_PRESETS) as SmtpPreset[];

const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

function isIpv6(value: string): boolean {
  if (!value.includes(':') || !/^[0-9a-f:.]+$/i.test(value)) return false;
  try {
    return new URL(`http://[${value}]/`).hostname.length > 0;
  } catch {
    return false;
  }
}

/** A DNS host name (letters, digits, hyphens, dots) or an IPv4/IPv6 address. */
export function isHostOrIp(value: string): boolean {
  if (IPV4.test(value) || isIpv6(value)) return true;
  // all-numeric dotted names that are not valid IPv4 (e.g. 999.1.1.1) are rejected
  return HOSTNAME.test(value) && !/^[\d.]+$/.test(value);
}
