'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { readProblem } from '@/components/api-problem';
import { repairsClient as api } from '@/features/repairs/components';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import {
  EMPTY_INTAKE,
  IntakeFieldsInputs,
  intakeBody,
  localIntakeErrors,
  type IntakeValues,
} from './intake-fields';
import { fieldErrors } from './problem-fields';

/** Receive a booked device: the intake details, then booked -> received on the server. */
export function IntakeForm({ orderId }: { orderId: string }) {
  const t = useTranslations('staff.intake');
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<IntakeValues>(EMPTY_INTAKE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function focusFirstError() {
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"]')
        ?.focus(),
    );
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local = localIntakeErrors(values, t);
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setSummary(t('fixErrors'));
      focusFirstError();
      return;
    }
    setBusy(true);
    setErrors({});
    setSummary(null);
    const res = await api.staff.orders[':id'].intake.$post({
      param: { id: orderId },
      json: intakeBody(values),
    });
    setBusy(false);
    if (!res.ok) {
      const p = await readProblem(res as unknown as Response);
      setErrors(fieldErrors(p));
      setSummary(p.errors?.length ? t('fixErrors') : p.detail);
      if (p.errors?.length) focusFirstError();
      else toast({ tone: 'error', title: t('failed'), description: p.detail });
      return;
    }
    toast({ tone: 'success', title: t('saved') });
    router.refresh();
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" data-testid="intake-form">
      <p className="text-slate-700">{t('lead')}</p>
      <IntakeFieldsInputs
        idPrefix={id}
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        errors={errors}
      />
      {summary ? (
        <p role="alert" className="font-medium text-red-700">
          {summary}
        </p>
      ) : null}
      <Button type="submit" loading={busy} data-testid="intake-submit">
        {t('submit')}
      </Button>
    </form>
  );
}
