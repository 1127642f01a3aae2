'use client';
import { useTranslations } from 'next-intl';
import type { Ref } from 'react';
import { FlaskConical } from 'lucide-react';
import { Field, Input } from '@/components/ui/input';
import { formatCardNumber, formatExpiry } from './card-format';

export interface CardFormValue {
  number: string;
  expiry: string;
  cvc: string;
}

export type CardField = 'cardNumber' | 'expiry' | 'cvc';
export type CardErrors = Partial<Record<CardField, string>>;

export const emptyCard: CardFormValue = { number: '', expiry: '', cvc: '' };

/** The test cards the built-in sandbox knows (the same numbers as Stripe's test mode). */
const TEST_CARDS = [
  ['4242 4242 4242 4242', 'succeeds'],
  ['4000 0000 0000 0002', 'declined'],
  ['4000 0027 6000 3184', 'authenticate'],
  ['4000 0000 0000 9995', 'insufficient'],
] as const;

/**
 * The card form of the built-in sandbox provider (test mode, no keys set): number, optional
 * expiry and security code, and a banner that says plainly that no real money is taken.
 */
export function SandboxCardForm({
  value,
  onChange,
  errors,
  disabled,
  idPrefix,
  numberRef,
}: {
  value: CardFormValue;
  onChange: (next: CardFormValue) => void;
  errors: CardErrors;
  disabled?: boolean;
  idPrefix: string;
  numberRef?: Ref<HTMLInputElement>;
}) {
  const t = useTranslations('payments.card');
  const id = (f: string) => `${idPrefix}-${f}`;
  const describedBy = (f: CardField, hint?: boolean) =>
    errors[f] ? `${id(f)}-error` : hint ? `${id(f)}-hint` : undefined;
  return (
    <div className="space-y-4" data-testid="sandbox-card-form">
      <div
        className="@container rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950"
        data-testid="test-mode-banner"
      >
        <p className="flex items-start gap-2 font-semibold">
          <FlaskConical className="mt-0.5 size-4 shrink-0" aria-hidden />
          {t('testBanner')}
        </p>
        <ul className="mt-2 grid gap-x-4 gap-y-1 @xl:grid-cols-2" aria-label={t('testCardsLabel')}>
          {TEST_CARDS.map(([number, outcome]) => (
            <li key={number} className="grid grid-cols-[auto_1fr] gap-x-2">
              <span className="font-mono whitespace-nowrap">{number}</span>
              <span className="text-amber-900">{t(`outcome.${outcome}`)}</span>
            </li>
          ))}
        </ul>
      </div>
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem_7rem]">
        <Field id={id('cardNumber')} label={t('number')} error={errors.cardNumber} required>
          <Input
            ref={numberRef}
            id={id('cardNumber')}
            name="cardnumber"
            inputMode="numeric"
            autoComplete="cc-number"
            placeholder="1234 1234 1234 1234"
            value={value.number}
            disabled={disabled}
            maxLength={23}
            onChange={(e) => onChange({ ...value, number: formatCardNumber(e.target.value) })}
            aria-invalid={errors.cardNumber ? true : undefined}
            aria-describedby={describedBy('cardNumber')}
            aria-required
            className="font-mono tracking-wide"
            data-testid="card-number"
          />
        </Field>
        <Field id={id('expiry')} label={t('expiry')} hint={t('optional')} error={errors.expiry}>
          <Input
            id={id('expiry')}
            name="exp-date"
            inputMode="numeric"
            autoComplete="cc-exp"
            placeholder={t('expiryPlaceholder')}
            value={value.expiry}
            disabled={disabled}
            maxLength={5}
            onChange={(e) => onChange({ ...value, expiry: formatExpiry(e.target.value, value.expiry) })}
            aria-invalid={errors.expiry ? true : undefined}
            aria-describedby={describedBy('expiry', true)}
            className="font-mono"
            data-testid="card-expiry"
          />
        </Field>
        <Field id={id('cvc')} label={t('cvc')} hint={t('optional')} error={errors.cvc}>
          <Input
            id={id('cvc')}
            name="cvc"
            inputMode="numeric"
            autoComplete="cc-csc"
            placeholder="123"
            value={value.cvc}
            disabled={disabled}
            maxLength={4}
            onChange={(e) => onChange({ ...value, cvc: e.target.value.replace(/\D/g, '').slice(0, 4) })}
            aria-invalid={errors.cvc ? true : undefined}
            aria-describedby={describedBy('cvc', true)}
            className="font-mono"
            data-testid="card-cvc"
          />
        </Field>
      </div>
    </div>
  );
}
