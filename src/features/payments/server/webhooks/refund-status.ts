/**
 * A refund made through the app that the provider accepted as pending (a bank transfer, an
 * eCheck) is finished by the provider's later webhook: the refund row is found by the
 * provider's refund id and its outcome recorded (refund-payment.ts), so a pending row never
 * holds back what may still be refunded.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/server/db/runtime';
import { paymentRefunds, payments, type PaymentProvider } from '@/server/db/schema';
import { SYSTEM_ACTOR } from '@/features/repairs/server';
import { recordRefundOutcome } from '../refund-payment';

/** True when a pending refund of ours was settled by this report. */
export async function settlePendingRefund(
  db: Db,
  provider: PaymentProvider,
  providerRefundId: string,
  status: 'pending' | 'succeeded' | 'failed',
): Promise<boolean> {
  if (status === 'pending') return false;
  const [row] = await db
    .select({ id: paymentRefunds.id, status: paymentRefunds.status })
    .from(paymentRefunds)
    .innerJoin(payments, eq(payments.id, paymentRefunds.paymentId))
    .where(and(eq(paymentRefunds.providerRefundId, providerRefundId), eq(payments.provider, provider)));
  if (!row || row.status !== 'pending') return false;
  await recordRefundOutcome(db, row.id, { providerRefundId, status }, SYSTEM_ACTOR);
  return true;
}
