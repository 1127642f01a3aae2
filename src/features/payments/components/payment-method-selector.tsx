'use client';
import { useTranslations } from 'next-intl';
import { CreditCard, Store, Wallet } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/features/pricing';
import type { PaymentMethod, PaymentMethodInfo } from '../schemas';

/** Stable test ids: the card method is `payment-stripe` whichever provider stands behind it. */
export const METHOD_TEST_ID: Record<PaymentMethod, string> = {
  card: 'payment-stripe',
  paypal: 'payment-paypal',
  collection: 'payment-collection',
};

const ICON = { card: CreditCard, paypal: Wallet, collection: Store } as const;

const COLUMNS: Record<number, string> = { 1: '', 2: 'sm:grid-cols-2', 3: 'sm:grid-cols-3' };

/**
 * Radio cards of the methods this shop offers (only those: the list comes from the API), each
 * with its fee and how long it takes. A native radio group, so arrow keys move between them.
 */
export function PaymentMethodSelector({
  methods,
  value,
  onChange,
  currency,
  disabled,
  name = 'payment-method',
}: {
  methods: PaymentMethodInfo[];
  value: PaymentMethod | null;
  onChange: (method: PaymentMethod) => void;
  currency: string;
  disabled?: boolean;
  name?: string;
}) {
  const t = useTranslations('payments');
  return (
    <fieldset>
      <legend className="mb-3 font-medium text-slate-800">{t('methodLegend')}</legend>
      <div className={cn('grid gap-3', COLUMNS[methods.length])}>
        {methods.map((m) => {
          const Icon = ICON[m.id];
          const checked = value === m.id;
          const fee =
            m.feeMinor > 0
              ? t('fee', { amount: formatMoney(m.feeMinor, currency) })
              : m.id === 'card'
                ? t('noCardFee')
                : t('noFee');
          return (
            <label
              key={m.id}
              className={cn(
                'relative flex cursor-pointer items-start gap-3 rounded-xl border bg-white p-3 transition',
                checked ? 'border-brand bg-brand/5 ring-2 ring-brand' : 'border-slate-300 hover:border-brand',
                disabled && 'cursor-not-allowed opacity-60',
              )}
            >
              <input
                type="radio"
                name={name}
                value={m.id}
                checked={checked}
                onChange={() => onChange(m.id)}
                disabled={disabled}
                className="mt-1 size-4 shrink-0 accent-[var(--brand)]"
                data-testid={METHOD_TEST_ID[m.id]}
                aria-describedby={`${name}-${m.id}-hint`}
              />
              <span className="min-w-0 flex-1">
                <span className="flex flex-wrap items-center gap-x-2 gap-y-1 font-medium text-slate-900">
                  <Icon className="size-4 shrink-0 text-slate-600" aria-hidden />
                  {t(`method.${m.id}`)}
                  {m.testMode ? (
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900">
                      {t('testModeBadge')}
                    </span>
                  ) : null}
                </span>
                <span id={`${name}-${m.id}-hint`} className="mt-1 block text-sm text-slate-600">
                  {t(`processing.${m.processing}`)}
                  <span className="mt-0.5 block font-medium text-slate-700">{fee}</span>
                </span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
