'use client';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { api, readProblem } from '@/components/api-client';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/features/pricing/money';
import { useQuote } from './queries';
import type { Brand, Category } from '@/features/catalog/schemas';
import type { Shop } from '@/features/shops/schemas';
import type { BookingConfirmation } from '../schemas';
import { DeviceSection } from './device-section';
import { RepairsSection } from './repairs-section';
import { ServiceSection } from './service-section';
import { DetailsSection, type FieldErrors } from './details-section';
import { BookingSuccess } from './booking-success';
import { Section } from './section';
import { useBookingDraft, type BookingDraft } from './use-booking-draft';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(d: BookingDraft, t: (k: string) => string): FieldErrors {
  const e: FieldErrors = {};
  if (d.name.trim().length < 2) e.name = t('errors.name');
  if (!EMAIL.test(d.email.trim())) e.email = t('errors.email');
  if (d.phone.trim() && !/^\+?[0-9 ()-]{7,20}$/.test(d.phone.trim())) e.phone = t('errors.phone');
  if (!d.payment) e.payment = t('errors.payment');
  return e;
}

export function BookingForm({
  categories,
  brands,
  shops,
  initial,
}: {
  categories: Category[];
  brands: Brand[];
  shops: Shop[];
  initial: Partial<BookingDraft>;
}) {
  const t = useTranslations('booking');
  const { draft, update, hydrated, confirmation, complete, startOver } = useBookingDraft(initial);
  const { data: quote } = useQuote(draft);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [slotError, setSlotError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [slotRefresh, setSlotRefresh] = useState(0);

  if (confirmation) {
    return <BookingSuccess booking={confirmation} onStartOver={startOver} />;
  }

  const disabled = !hydrated || submitting;
  const ready = !!draft.model && draft.repairs.length > 0;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    setSlotError(null);
    const found = validate(draft, t);
    setErrors(found);
    if (draft.serviceType === 'drop_off' && !draft.slot) {
      setSlotError(t('errors.slot'));
      return;
    }
    if (Object.keys(found).length > 0) {
      document.getElementById(Object.keys(found)[0]!)?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const res = await api.bookings.$post({
        header: { 'idempotency-key': draft.idempotencyKey },
        json: {
          modelSlug: draft.model!,
          repairSlugs: draft.repairs,
          urgency: draft.urgency,
          service:
            draft.serviceType === 'drop_off'
              ? { type: 'drop_off', shopSlug: draft.shop!, slotStartsAt: draft.slot! }
              : { type: 'mail_in' },
          customer: { name: draft.name, email: draft.email, phone: draft.phone || undefined },
          faultDescription: draft.fault || undefined,
          paymentMethod: draft.payment!,
        },
      });
      if (res.ok) {
        complete((await res.json()) as BookingConfirmation);
        window.scrollTo({ top: 0 });
        return;
      }
      const problem = await readProblem(res);
      const fieldErrors: FieldErrors = {};
      for (const fe of problem.errors ?? []) {
        if (fe.path === 'customer.name') fieldErrors.name = fe.message;
        else if (fe.path === 'customer.email') fieldErrors.email = fe.message;
        else if (fe.path === 'customer.phone') fieldErrors.phone = fe.message;
        else if (fe.path.startsWith('service')) setSlotError(fe.message);
        else setFormError(fe.message);
      }
      setErrors(fieldErrors);
      if (problem.code === 'SLOT_FULL' || problem.code === 'SLOT_UNAVAILABLE') {
        update({ slot: null, idempotencyKey: crypto.randomUUID() });
        setSlotRefresh((n) => n + 1);
      } else if (problem.code === 'IDEMPOTENCY_MISMATCH') {
        update({ idempotencyKey: crypto.randomUUID() });
        setFormError(t('errors.retry'));
      } else if (!problem.errors?.length) {
        setFormError(problem.detail);
      }
    } catch {
      setFormError(t('errors.network'));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-busy={!hydrated}>
      <DeviceSection
        categories={categories}
        brands={brands}
        draft={draft}
        update={update}
        disabled={disabled}
      />
      {draft.brand && draft.model ? (
        <RepairsSection draft={draft} update={update} disabled={disabled} />
      ) : null}
      {ready ? (
        <>
          <ServiceSection
            shops={shops}
            draft={draft}
            update={update}
            disabled={disabled}
            slotError={slotError}
            refreshKey={slotRefresh}
          />
          <DetailsSection draft={draft} update={update} disabled={disabled} errors={errors} />
          <Section id="payment" step={6} title={t('paymentTitle')}>
            <fieldset>
              <legend className="sr-only">{t('paymentTitle')}</legend>
              <label
                className={`flex cursor-pointer items-start gap-3 rounded-xl border p-3 ${
                  draft.payment === 'collection'
                    ? 'border-brand bg-brand/5 ring-2 ring-brand'
                    : 'border-slate-300'
                }`}
              >
                <input
                  type="radio"
                  name="payment"
                  value="collection"
                  checked={draft.payment === 'collection'}
                  onChange={() => update({ payment: 'collection' })}
                  disabled={disabled}
                  className="mt-1 size-4 accent-[var(--brand)]"
                  data-testid="payment-collection"
                />
                <span>
                  <span className="font-medium">{t('payment.collection')}</span>
                  <span className="block text-sm text-slate-600">{t('paymentHint.collection')}</span>
                </span>
              </label>
              {errors.payment ? (
                <p role="alert" className="mt-2 text-sm font-medium text-red-700">
                  {errors.payment}
                </p>
              ) : null}
            </fieldset>
            {formError ? (
              <p
                role="alert"
                className="mt-4 rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-800"
              >
                {formError}
              </p>
            ) : null}
            <div className="mt-6 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-slate-700">
                {quote ? t('totalDue', { total: formatMoney(quote.totalMinor, quote.currency) }) : null}
              </p>
              <Button
                type="submit"
                size="lg"
                loading={submitting}
                disabled={disabled}
                data-testid="submit-booking"
              >
                {submitting ? t('submitting') : t('submit')}
              </Button>
            </div>
          </Section>
        </>
      ) : null}
    </form>
  );
}
