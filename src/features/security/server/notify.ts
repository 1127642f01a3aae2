/** E-mails of the lockout and the security monitor. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { user } from '@/server/db/schema';
import { sendTemplate } from '@/features/email/server';
import { publicBaseUrl } from '@/server/http/base-url';
import type { AuditRequest } from '@/features/audit/server';
import { retryIn } from './lockout';
import type { RiskFactor } from '@/server/db/schema';

export function formatWhen(at: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at)} UTC`;
}

export function formatWhere(request: AuditRequest | null): string | undefined {
  if (!request?.ip && !request?.userAgent) return undefined;
  return [request.ip, request.userAgent?.slice(0, 120)].filter(Boolean).join(', ');
}

export async function sendLockedEmail(
  db: Db,
  account: { email: string; name: string },
  until: Date,
  request: AuditRequest | null,
  now = new Date(),
): Promise<void> {
  await sendTemplate(db, {
    to: account.email,
    template: 'account-locked',
    data: {
      name: account.name,
      retry: retryIn(until, now),
      when: formatWhen(now),
      where: formatWhere(request),
      resetUrl: `${publicBaseUrl()}/forgot-password`,
    },
    // one e-mail per lock, however many requests race into it
    dedupeKey: `account-locked:${account.email.toLowerCase()}:${until.toISOString()}`,
  });
}

export async function sendSignInCode(
  db: Db,
  account: { email: string; name: string },
  code: string,
  minutes: number,
  request: AuditRequest | null,
): Promise<void> {
  await sendTemplate(db, {
    to: account.email,
    template: 'sign-in-code',
    data: { name: account.name, code, minutes, where: formatWhere(request) },
  });
}

/** A blocked sign-in: the user and every active admin hear of it. */
export async function sendBlockedAlerts(
  db: Db,
  account: { id: string; email: string; name: string },
  factors: RiskFactor[],
  score: number,
  request: AuditRequest | null,
  now = new Date(),
): Promise<void> {
  const why = factors.map((f) => f.detail).join('; ');
  const when = formatWhen(now);
  const where = formatWhere(request);
  await sendTemplate(db, {
    to: account.email,
    template: 'security-alert',
    data: {
      name: account.name,
      event: `A sign-in to your account was blocked (risk ${score}: ${why})`,
      when,
      where,
      url: `${publicBaseUrl()}/account/security`,
    },
  });
  const admins = await db
    .select({ email: user.email, name: user.name })
    .from(user)
    .where(and(eq(user.role, 'admin'), isNull(user.disabledAt)));
  for (const admin of admins) {
    if (admin.email === account.email) continue;
    await sendTemplate(db, {
      to: admin.email,
      template: 'security-alert',
      data: {
        name: admin.name,
        event: `A sign-in to ${account.email} was blocked (risk ${score}: ${why})`,
        when,
        where,
        url: `${publicBaseUrl()}/admin/security`,
      },
    });
  }
}
