import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { emailMessages } from '@/server/db/schema';
import { DomainError } from '@/server/domain-error';
import { getAuth } from './auth';

export const RESEND_COOLDOWN_SECONDS = 60;

/** Sends a new verification link, at most once a minute per address. */
export async function resendVerification(
  db: Db,
  email: string,
  now = new Date(),
): Promise<{ retryAfterSeconds: number }> {
  const [last] = await db
    .select({ createdAt: emailMessages.createdAt })
    .from(emailMessages)
    .where(and(eq(emailMessages.toAddress, email), eq(emailMessages.template, 'verification')))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  if (last) {
    const waited = (now.getTime() - last.createdAt.getTime()) / 1000;
    if (waited < RESEND_COOLDOWN_SECONDS) {
      const retry = Math.ceil(RESEND_COOLDOWN_SECONDS - waited);
      throw new DomainError('RATE_LIMITED', `Please wait ${retry} seconds before asking for another link.`);
    }
  }
  const auth = await getAuth();
  await auth.api.sendVerificationEmail({ body: { email } });
  return { retryAfterSeconds: RESEND_COOLDOWN_SECONDS };
}
