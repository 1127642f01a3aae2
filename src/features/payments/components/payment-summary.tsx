import { useTranslations } from 'next-intl';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/features/pricing';
import type { QuoteDto } from '@/features/pricing/schemas';
import type { Balance } from '../schemas';

/** The figures a payment summary shows; every amount comes from the server (quote or balance). */
export interface PaymentSummaryData {
  currency: string;
  /** parts and labour of the quote's repairs (omitted for a balance, whose lines may be revised) */
  partsMinor?: number;
  labourMinor?: number;
  urgency?: QuoteDto['urgency'];
  urgencySurchargeMinor?: number;
  discountMinor?: number;
  totalMinor: number;
  vatRateBp: number;
  vatMinor: number;
  paidMinor: number;
  /** given back by refunds (not asked for again) */
  refundedMinor?: number;
  dueMinor: number;
  /** still to be given back (a cancelled repair whose refund is on its way) */
  owedMinor?: number;
}

export function summaryFromQuote(quote: QuoteDto, paidMinor = 0): PaymentSummaryData {
  return {
    currency: quote.currency,
    partsMinor: quote.lines.reduce((s, l) => s + l.partsMinor, 0),
    labourMinor: quote.lines.reduce((s, l) => s + l.labourMinor, 0),
    urgency: quote.urgency,
    urgencySurchargeMinor: quote.urgencySurchargeMinor,
    discountMinor: quote.discountMinor,
    totalMinor: quote.totalMinor,
    vatRateBp: quote.vat.rateBp,
    vatMinor: quote.vat.vatMinor,
    paidMinor,
    dueMinor: Math.max(0, quote.totalMinor - paidMinor),
  };
}

export function summaryFromBalance(balance: Balance): PaymentSummaryData {
  return {
    currency: balance.currency,
    totalMinor: balance.totalMinor,
    vatRateBp: balance.vatRateBp,
    vatMinor: balance.vatMinor,
    // as taken, so the rows add up: paid − refunded is what the shop kept, total − paid is due
    paidMinor: balance.capturedMinor,
    refundedMinor: balance.refundedMinor,
    dueMinor: balance.dueMinor,
    owedMinor: balance.owedMinor,
  };
}

function Row({
  label,
  value,
  className,
  testId,
}: {
  label: string;
  value: string;
  className?: string;
  testId?: string;
}) {
  return (
    <div className={cn('flex justify-between gap-4', className)}>
      <dt>{label}</dt>
      <dd className="whitespace-nowrap tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/**
 * Parts, labour, urgency surcharge, discount, VAT, total, already paid and what is due. `due`
 * says when the due amount is paid: now (online) or at collection.
 */
export function PaymentSummary({
  data,
  due = 'now',
  className,
}: {
  data: PaymentSummaryData;
  due?: 'now' | 'collection' | 'balance';
  className?: string;
}) {
  const t = useTranslations('payments.summary');
  const money = (minor: number) => formatMoney(minor, data.currency);
  return (
    <dl className={cn('space-y-1.5 text-slate-800', className)} data-testid="payment-summary">
      {data.partsMinor !== undefined ? <Row label={t('parts')} value={money(data.partsMinor)} /> : null}
      {data.labourMinor !== undefined ? <Row label={t('labour')} value={money(data.labourMinor)} /> : null}
      {data.urgencySurchargeMinor ? (
        <Row
          label={t('urgency', { tier: data.urgency ?? 'standard' })}
          value={money(data.urgencySurchargeMinor)}
        />
      ) : null}
      {data.discountMinor ? (
        <Row label={t('discount')} value={`−${money(data.discountMinor)}`} className="text-emerald-800" />
      ) : null}
      <Row
        label={t('total')}
        value={money(data.totalMinor)}
        className={cn(data.partsMinor !== undefined && 'border-t border-slate-200 pt-2', 'font-semibold')}
        testId="summary-total"
      />
      <Row
        label={t('vat', { rate: data.vatRateBp / 100 })}
        value={money(data.vatMinor)}
        className="text-sm text-slate-600"
      />
      <Row label={t('paid')} value={money(data.paidMinor)} testId="summary-paid" />
      {data.refundedMinor ? (
        <Row label={t('refunded')} value={money(data.refundedMinor)} testId="summary-refunded" />
      ) : null}
      {data.owedMinor ? <Row label={t('owed')} value={money(data.owedMinor)} testId="summary-owed" /> : null}
      <Row
        label={
          due === 'collection' ? t('dueAtCollection') : due === 'balance' ? t('dueBalance') : t('dueNow')
        }
        value={money(data.dueMinor)}
        className="border-t border-slate-200 pt-2 text-lg font-bold"
        testId="summary-due"
      />
    </dl>
  );
}
