import { useTranslations } from 'next-intl';
import { formatMoney } from '../money';
import type { QuoteDto } from '../schemas';

/** Lines, discount, urgency surcharge, VAT breakdown and total of a quote (VAT-inclusive prices). */
export function QuoteSummary({ quote, compact = false }: { quote: QuoteDto; compact?: boolean }) {
  const t = useTranslations('quote');
  const money = (minor: number) => formatMoney(minor, quote.currency);
  return (
    <dl className="space-y-1.5 text-slate-800">
      {quote.lines.map((l) => (
        <div key={l.repairSlug} className="flex justify-between gap-4">
          <dt>{l.repairName}</dt>
          <dd className="tabular-nums">{money(l.grossMinor)}</dd>
        </div>
      ))}
      {quote.discountMinor > 0 ? (
        <div className="flex justify-between gap-4 text-emerald-800">
          <dt>{t('multiDiscount')}</dt>
          <dd className="tabular-nums">−{money(quote.discountMinor)}</dd>
        </div>
      ) : null}
      {quote.urgencySurchargeMinor > 0 ? (
        <div className="flex justify-between gap-4">
          <dt>{t('urgency', { tier: quote.urgency })}</dt>
          <dd className="tabular-nums">{money(quote.urgencySurchargeMinor)}</dd>
        </div>
      ) : null}
      <div className="flex justify-between gap-4 border-t border-slate-200 pt-2 text-lg font-semibold">
        <dt>{t('total')}</dt>
        <dd className="tabular-nums">{money(quote.totalMinor)}</dd>
      </div>
      <div className="flex justify-between gap-4 text-sm text-slate-600">
        <dt>{t('vatIncluded', { rate: quote.vat.rateBp / 100 })}</dt>
        <dd className="tabular-nums">{money(quote.vat.vatMinor)}</dd>
      </div>
      {compact ? null : (
        <div className="pt-1 text-sm text-slate-600">
          <dd>{t('terms', { warranty: quote.warrantyDays, hours: quote.turnaroundHours })}</dd>
        </div>
      )}
    </dl>
  );
}
