'use client';
import { useTranslations } from 'next-intl';
import { Field, Input, Textarea } from '@/components/ui/input';
import { Section } from './section';
import type { BookingDraft } from './use-booking-draft';

export type FieldErrors = Partial<Record<'name' | 'email' | 'phone' | 'fault' | 'payment', string>>;

export function DetailsSection({
  draft,
  update,
  disabled,
  errors,
}: {
  draft: BookingDraft;
  update: (p: Partial<BookingDraft>) => void;
  disabled: boolean;
  errors: FieldErrors;
}) {
  const t = useTranslations('booking');
  const describe = (id: string, hasHint = false) =>
    errors[id as keyof FieldErrors] ? `${id}-error` : hasHint ? `${id}-hint` : undefined;
  return (
    <Section id="details" step={5} title={t('detailsTitle')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label={t('nameLabel')} error={errors.name} required>
          <Input
            id="name"
            name="name"
            autoComplete="name"
            value={draft.name}
            disabled={disabled}
            onChange={(e) => update({ name: e.target.value })}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describe('name')}
            aria-required
            maxLength={100}
            data-testid="customer-name"
          />
        </Field>
        <Field id="email" label={t('emailLabel')} hint={t('emailHint')} error={errors.email} required>
          <Input
            id="email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="email"
            value={draft.email}
            disabled={disabled}
            onChange={(e) => update({ email: e.target.value })}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={describe('email', true)}
            aria-required
            maxLength={254}
            data-testid="customer-email"
          />
        </Field>
        <Field id="phone" label={t('phoneLabel')} hint={t('phoneHint')} error={errors.phone}>
          <Input
            id="phone"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            value={draft.phone}
            disabled={disabled}
            onChange={(e) => update({ phone: e.target.value })}
            aria-invalid={errors.phone ? true : undefined}
            aria-describedby={describe('phone', true)}
            maxLength={20}
            data-testid="customer-phone"
          />
        </Field>
        <div className="sm:col-span-2">
          <Field id="fault" label={t('faultLabel')} hint={t('faultHint')} error={errors.fault}>
            <Textarea
              id="fault"
              name="fault"
              value={draft.fault}
              disabled={disabled}
              onChange={(e) => update({ fault: e.target.value })}
              aria-describedby={describe('fault', true)}
              maxLength={2000}
              data-testid="fault-description"
            />
          </Field>
        </div>
      </div>
    </Section>
  );
}
