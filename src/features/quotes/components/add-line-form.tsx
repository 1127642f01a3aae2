'use client';
import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Plus } from 'lucide-react';
import { readProblem, type ProblemBody } from '@/components/api-problem';
import { quotesClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { currencyMinorDigits, formatMoney, parseMoneyInput } from '@/features/pricing';
import { MAX_UNIT_MINOR } from '../quote-totals';
import type { OrderLines } from '../schemas';

export type FieldErrors = Partial<
  Record<'kind' | 'description' | 'quantity' | 'unitMinor' | 'message', string>
>;

export function fieldErrors(problem: ProblemBody): FieldErrors {
  const out: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const key = e.path as keyof FieldErrors;
    out[key] ??= e.message;
  }
  return out;
}

/** The form under the lines: add a part or a labour line (the server computes its total). */
export function AddLineForm({ data, onAdded }: { data: OrderLines; onAdded: (next: OrderLines) => unknown }) {
  const t = useTranslations('quotes');
  const toast = useToast();
  const id = useId();
  const digits = currencyMinorDigits(data.currency);
  const [kind, setKind] = useState<'part' | 'labour'>('part');
  const [description, setDescription] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [unit, setUnit] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const max = formatMoney(MAX_UNIT_MINOR, data.currency);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const unitMinor = parseMoneyInput(unit, digits, MAX_UNIT_MINOR);
    const local: FieldErrors = {};
    if (unitMinor === null) local.unitMinor = t('unitInvalid', { max });
    if (!description.trim()) local.description = t('descriptionRequired');
    const qty = Number(quantity);
    if (!Number.isInteger(qty) || qty < 1 || qty > 99) local.quantity = t('quantityInvalid');
    setErrors(local);
    if (unitMinor === null || Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const res = await api.staff.orders[':id'].lines.$post({
        param: { id: data.orderId },
        json: { kind, description, quantity: qty, unitMinor },
      });
      if (res.ok) {
        onAdded(await res.json());
        setDescription('');
        setQuantity('1');
        setUnit('');
        setErrors({});
        toast({ tone: 'success', title: t('added') });
      } else {
        const problem = await readProblem(res);
        setErrors(fieldErrors(problem));
        if (!problem.errors?.length)
          toast({ tone: 'error', title: t('addFailed'), description: problem.detail });
      }
    } finally {
      setBusy(false);
    }
  }

  const invalid = (k: keyof FieldErrors) =>
    errors[k] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${k}-error` } : {};

  return (
    <form
      className="mt-6 rounded-xl border border-slate-200 p-4"
      onSubmit={(e) => void submit(e)}
      noValidate
      aria-labelledby={`${id}-title`}
      data-testid="add-line-form"
    >
      <h3 id={`${id}-title`} className="font-semibold">
        {t('addTitle')}
      </h3>
      <div className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,8rem)_minmax(0,1fr)] lg:grid-cols-[8rem_minmax(0,1fr)_6rem_9rem]">
        <Field id={`${id}-kind`} label={t('kindLabel')} error={errors.kind}>
          <Select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as 'part' | 'labour')}
            data-testid="line-kind"
            {...invalid('kind')}
          >
            <option value="part">{t('kind.part')}</option>
            <option value="labour">{t('kind.labour')}</option>
          </Select>
        </Field>
        <Field id={`${id}-description`} label={t('descriptionLabel')} error={errors.description} required>
          <Input
            id={`${id}-description`}
            value={description}
            maxLength={200}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="line-description"
            {...invalid('description')}
          />
        </Field>
        <Field id={`${id}-quantity`} label={t('quantityLabel')} error={errors.quantity} required>
          <Input
            id={`${id}-quantity`}
            type="number"
            inputMode="numeric"
            min={1}
            max={99}
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
            data-testid="line-quantity"
            {...invalid('quantity')}
          />
        </Field>
        <Field
          id={`${id}-unitMinor`}
          label={t('unitLabel', { currency: data.currency })}
          error={errors.unitMinor}
          required
        >
          <Input
            id={`${id}-unitMinor`}
            inputMode="decimal"
            autoComplete="off"
            placeholder="0.00"
            value={unit}
            onChange={(e) => setUnit(e.target.value)}
            data-testid="line-unit"
            {...invalid('unitMinor')}
          />
        </Field>
      </div>
      <Button type="submit" className="mt-4" loading={busy} data-testid="line-add">
        <Plus className="size-5" aria-hidden />
        {t('addSubmit')}
      </Button>
    </form>
  );
}
