'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, type FormEvent } from 'react';
import { readProblem } from '@/components/api-problem';
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
import { submitChange } from './console-outbox';
import { useOrderPending } from './order-pending';

/**
 * Receive a booked device: the intake details, then booked -> received on the server. Offline it
 * waits on this device (based on the order version shown), except with a passcode, which is
 * never kept in the browser.
 */
export function IntakeForm({
  orderId,
  reference,
  version,
  userId,
}: {
  orderId: string;
  reference: string;
  version: number;
  userId: string;
}) {
  const t = useTranslations('staff.intake');
  const tOffline = useTranslations('staff.offline');
  const waiting = useOrderPending(orderId).some((i) => i.url.endsWith('/intake'));
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
    const result = await submitChange({
      kind: 'intake',
      orderId,
      reference,
      body: { ...intakeBody(values), expectedVersion: version },
      label: tOffline('label.intake', { reference }),
      authorId: userId,
      // a passcode is never kept in the browser
      neverQueue: values.passcodePolicy === 'provided',
    }).catch(() => null);
    setBusy(false);
    if (!result) return;
    if (result.outcome === 'unreachable') {
      setErrors({ passcode: tOffline('noPasscodeOffline') });
      setSummary(tOffline('noPasscodeOffline'));
      focusFirstError();
      return;
    }
    if (result.outcome === 'queued') {
      setValues(EMPTY_INTAKE);
      toast({ tone: 'info', title: tOffline('queuedTitle'), description: tOffline('queued') });
      return;
    }
    const res = result.response;
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

  if (waiting) {
    return (
      <p
        className="rounded-lg border border-dashed border-amber-400 bg-amber-50 p-3 text-amber-950"
        data-testid="intake-waiting"
      >
        {tOffline('label.intake', { reference })} · {tOffline('waitingBadge')}
      </p>
    );
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
