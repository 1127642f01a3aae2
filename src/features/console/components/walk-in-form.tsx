'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import useSWR from 'swr';
import { Search } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { bookingClient } from '@/features/booking/components';
import { catalogClient } from '@/features/catalog/components';
import { pricingClient, QuoteSummary } from '@/features/pricing/components';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input, Select, Textarea } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import { formatMoney } from '@/features/pricing';
import type { QuoteDto } from '@/features/pricing/schemas';
import {
  EMPTY_INTAKE,
  IntakeFieldsInputs,
  intakeBody,
  localIntakeErrors,
  type IntakeValues,
} from './intake-fields';
import { errorProps, fieldErrors } from './problem-fields';

type Urgency = 'standard' | 'express' | 'same_day';
interface ChosenModel {
  slug: string;
  name: string;
  brandName: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

/** The counter form: device, repairs and urgency with the server's price, customer, intake. */
export function WalkInForm({
  shops,
  myShop,
}: {
  shops: Array<{ slug: string; name: string }>;
  myShop: string | null;
}) {
  const t = useTranslations('staff.walkIn');
  const tStaff = useTranslations('staff');
  const tIntake = useTranslations('staff.intake');
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // one key per walk-in attempt: a retry after a lost answer returns the same order
  const [idempotencyKey] = useState(() => `walkin-${crypto.randomUUID()}`);

  const [q, setQ] = useState('');
  const debouncedQ = useDebounced(q.trim(), 250);
  const [model, setModel] = useState<ChosenModel | null>(null);
  const [repairs, setRepairs] = useState<string[]>([]);
  const [urgency, setUrgency] = useState<Urgency>('standard');
  const [shop, setShop] = useState(myShop ?? '');
  const [customer, setCustomer] = useState({ name: '', email: '', phone: '' });
  const [fault, setFault] = useState('');
  const [intake, setIntake] = useState<IntakeValues>(EMPTY_INTAKE);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const models = useSWR(
    !model && debouncedQ.length >= 2 ? ['walkin-models', debouncedQ] : null,
    async ([, query]) => {
      const res = await catalogClient.catalog.models.$get({ query: { q: query, limit: '8' } });
      if (!res.ok) throw new Error((await readProblem(res as unknown as Response)).detail);
      return (await res.json()).items;
    },
  );
  const detail = useSWR(model ? ['walkin-model', model.slug] : null, async ([, slug]) => {
    const res = await catalogClient.catalog.models[':slug'].$get({ param: { slug } });
    if (!res.ok) throw new Error((await readProblem(res as unknown as Response)).detail);
    return res.json();
  });
  const shopForPrice = myShop ?? (shop || undefined);
  const quote = useSWR(
    model && repairs.length > 0
      ? ['walkin-quote', model.slug, repairs.join(','), urgency, shopForPrice ?? '']
      : null,
    async ([, modelSlug, slugs, u, s]) => {
      const res = await pricingClient.pricing.quote.$post({
        json: { modelSlug, repairSlugs: slugs.split(','), urgency: u as Urgency, shopSlug: s || undefined },
      });
      if (!res.ok) throw new Error((await readProblem(res as unknown as Response)).detail);
      return (await res.json()) as QuoteDto;
    },
    { keepPreviousData: true },
  );

  function focusFirstError() {
    requestAnimationFrame(() =>
      formRef.current
        ?.querySelector<HTMLElement>('[aria-invalid="true"] input, [aria-invalid="true"]')
        ?.focus(),
    );
  }

  function localErrors(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!model) e.modelSlug = t('modelRequired');
    else if (repairs.length === 0) e.repairSlugs = t('repairsRequired');
    if (!myShop && !shop) e.shopSlug = t('shopRequired');
    if (!customer.name.trim()) e['customer.name'] = t('nameRequired');
    if (!customer.email.trim() && !customer.phone.trim()) {
      e['customer.email'] = t('contactRequired');
      e['customer.phone'] = t('contactRequired');
    }
    return { ...e, ...localIntakeErrors(intake, tIntake) };
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local = localErrors();
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setSummary(t('fixErrors'));
      focusFirstError();
      return;
    }
    setBusy(true);
    setErrors({});
    setSummary(null);
    const res = await bookingClient.staff['walk-ins'].$post({
      header: { 'idempotency-key': idempotencyKey },
      json: {
        modelSlug: model!.slug,
        repairSlugs: repairs,
        urgency,
        customer: {
          name: customer.name,
          email: customer.email.trim() || undefined,
          phone: customer.phone.trim() || undefined,
        },
        faultDescription: fault.trim() || undefined,
        shopSlug: myShop ? undefined : shop,
        ...intakeBody(intake),
      },
    });
    if (!res.ok) {
      setBusy(false);
      const p = await readProblem(res as unknown as Response);
      const errs = fieldErrors(p);
      // "repairSlugs.0" and the like belong to the repairs list
      for (const key of Object.keys(errs))
        if (key.startsWith('repairSlugs.')) errs.repairSlugs ??= errs[key]!;
      setErrors(errs);
      setSummary(p.errors?.length ? t('fixErrors') : p.detail);
      if (p.errors?.length) focusFirstError();
      else toast({ tone: 'error', title: t('failed'), description: p.detail });
      return;
    }
    const created = await res.json();
    toast({ tone: 'success', title: t('created', { reference: created.reference }) });
    router.push(`/staff/orders/${created.reference}`);
  }

  const err = (path: string) => errors[path];
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" data-testid="walk-in-form">
      <Card>
        <h2 className="text-lg font-semibold">{t('device')}</h2>
        {model ? (
          <div className="mt-3 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-brand bg-brand/5 p-3">
            <p className="font-medium" data-testid="walk-in-model">
              {t('chosen', { name: `${model.brandName} ${model.name}` })}
            </p>
            <Button
              type="button"
              variant="secondary"
              size="sm"
              onClick={() => {
                setModel(null);
                setRepairs([]);
                requestAnimationFrame(() => searchRef.current?.focus());
              }}
            >
              {t('change')}
            </Button>
          </div>
        ) : (
          <div className="mt-3 space-y-3">
            <Field id={`${id}-model`} label={t('modelSearch')} error={err('modelSlug')}>
              <div className="relative">
                <Search
                  className="pointer-events-none absolute left-3 top-3 size-5 text-slate-500"
                  aria-hidden
                />
                <Input
                  ref={searchRef}
                  id={`${id}-model`}
                  type="search"
                  className="pl-10"
                  value={q}
                  placeholder={t('modelSearchPlaceholder')}
                  autoComplete="off"
                  onChange={(e) => setQ(e.target.value)}
                  aria-controls={`${id}-model-results`}
                  data-testid="walk-in-model-search"
                  {...errorProps(`${id}-model`, err('modelSlug'))}
                />
              </div>
            </Field>
            <p role="status" className="text-sm text-slate-600">
              {debouncedQ.length < 2
                ? t('typeToSearch')
                : models.isLoading
                  ? t('searching')
                  : models.data && models.data.length === 0
                    ? t('noModels', { q: debouncedQ })
                    : models.data
                      ? t('modelResults', { count: models.data.length })
                      : ''}
            </p>
            <ul id={`${id}-model-results`} className="grid gap-2 sm:grid-cols-2">
              {(models.data ?? []).map((m) => (
                <li key={m.slug}>
                  <button
                    type="button"
                    className="w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-left hover:border-brand"
                    onClick={() => {
                      setModel({ slug: m.slug, name: m.name, brandName: m.brandName });
                      setRepairs([]);
                      setErrors((e) => ({ ...e, modelSlug: '' }));
                    }}
                    data-testid={`walk-in-model-${m.slug}`}
                  >
                    <span className="font-medium">{m.name}</span>
                    <span className="block text-sm text-slate-600">
                      {m.brandName} · {m.releaseYear}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}

        {model ? (
          <fieldset
            className="mt-5"
            aria-invalid={err('repairSlugs') ? true : undefined}
            aria-describedby={err('repairSlugs') ? `${id}-repairs-error` : undefined}
          >
            <legend className="text-sm font-medium text-slate-800">{t('repairs')}</legend>
            {detail.isLoading ? (
              <div className="mt-2 space-y-2" role="status" aria-label={t('repairsLoading')}>
                <Skeleton className="h-11" />
                <Skeleton className="h-11" />
              </div>
            ) : (
              <div className="mt-2 grid gap-2 sm:grid-cols-2">
                {(detail.data?.repairs ?? []).map((r) => (
                  <label
                    key={r.slug}
                    className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand has-[:checked]:bg-brand/5"
                  >
                    <input
                      type="checkbox"
                      className="size-5 accent-brand"
                      checked={repairs.includes(r.slug)}
                      onChange={(e) =>
                        setRepairs((list) =>
                          e.target.checked ? [...list, r.slug] : list.filter((s) => s !== r.slug),
                        )
                      }
                      data-testid={`walk-in-repair-${r.slug}`}
                    />
                    <span className="flex-1">{r.name}</span>
                    <span className="tabular-nums text-slate-700">
                      {formatMoney(r.priceMinor, r.currency)}
                    </span>
                  </label>
                ))}
              </div>
            )}
            {err('repairSlugs') ? (
              <p id={`${id}-repairs-error`} role="alert" className="mt-1.5 text-sm font-medium text-red-700">
                {err('repairSlugs')}
              </p>
            ) : null}
          </fieldset>
        ) : null}

        <fieldset className="mt-5">
          <legend className="text-sm font-medium text-slate-800">{t('urgency')}</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {(['standard', 'express', 'same_day'] as const).map((u) => (
              <label
                key={u}
                className="flex min-h-11 items-center gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 has-[:checked]:border-brand has-[:checked]:bg-brand/5"
              >
                <input
                  type="radio"
                  name={`${id}-urgency`}
                  className="size-5 accent-brand"
                  checked={urgency === u}
                  onChange={() => setUrgency(u)}
                />
                {tStaff(`urgency.${u}`)}
              </label>
            ))}
          </div>
        </fieldset>

        {myShop ? null : (
          <div className="mt-5">
            <Field id={`${id}-shop`} label={t('shop')} error={err('shopSlug')} required>
              <Select
                id={`${id}-shop`}
                value={shop}
                onChange={(e) => setShop(e.target.value)}
                data-testid="walk-in-shop"
                {...errorProps(`${id}-shop`, err('shopSlug'))}
              >
                <option value="">{t('chooseShop')}</option>
                {shops.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {s.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
        )}
      </Card>

      <Card role="region" aria-labelledby={`${id}-price`}>
        <h2 id={`${id}-price`} className="text-lg font-semibold">
          {t('price')}
        </h2>
        <p className="text-sm text-slate-600">{t('priceHint')}</p>
        <div className="mt-3" aria-live="polite" data-testid="walk-in-price">
          {!model || repairs.length === 0 ? (
            <p className="text-slate-700">{t('priceEmpty')}</p>
          ) : quote.error ? (
            <p className="text-red-700">{t('priceError')}</p>
          ) : quote.data ? (
            <QuoteSummary quote={quote.data} />
          ) : (
            <p className="text-slate-700">{t('priceLoading')}</p>
          )}
        </div>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">{t('customer')}</h2>
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <p id={`${id}-contact-hint`} className="text-sm text-slate-600 sm:col-span-2">
            {t('contactHint')}
          </p>
          <Field id={`${id}-name`} label={t('name')} error={err('customer.name')} required>
            <Input
              id={`${id}-name`}
              value={customer.name}
              autoComplete="off"
              maxLength={100}
              required
              onChange={(e) => setCustomer((c) => ({ ...c, name: e.target.value }))}
              data-testid="walk-in-name"
              {...errorProps(`${id}-name`, err('customer.name'))}
            />
          </Field>
          <Field id={`${id}-email`} label={t('email')} error={err('customer.email')}>
            <Input
              id={`${id}-email`}
              type="email"
              value={customer.email}
              autoComplete="off"
              maxLength={254}
              onChange={(e) => setCustomer((c) => ({ ...c, email: e.target.value }))}
              data-testid="walk-in-email"
              {...errorProps(`${id}-email`, err('customer.email'))}
            />
          </Field>
          <Field id={`${id}-phone`} label={t('phone')} error={err('customer.phone')}>
            <Input
              id={`${id}-phone`}
              type="tel"
              value={customer.phone}
              autoComplete="off"
              maxLength={20}
              onChange={(e) => setCustomer((c) => ({ ...c, phone: e.target.value }))}
              data-testid="walk-in-phone"
              {...errorProps(`${id}-phone`, err('customer.phone'))}
            />
          </Field>
          <div className="sm:col-span-2">
            <Field id={`${id}-fault`} label={t('fault')} error={err('faultDescription')}>
              <Textarea
                id={`${id}-fault`}
                value={fault}
                maxLength={2000}
                onChange={(e) => setFault(e.target.value)}
                data-testid="walk-in-fault"
                {...errorProps(`${id}-fault`, err('faultDescription'))}
              />
            </Field>
          </div>
        </div>
      </Card>

      <Card>
        <h2 className="text-lg font-semibold">{t('intake')}</h2>
        <div className="mt-3">
          <IntakeFieldsInputs
            idPrefix={`${id}-intake`}
            values={intake}
            onChange={(patch) => setIntake((v) => ({ ...v, ...patch }))}
            errors={errors}
          />
        </div>
      </Card>

      {summary ? (
        <p role="alert" className="font-medium text-red-700">
          {summary}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-4">
        <Button type="submit" size="lg" loading={busy} data-testid="walk-in-submit">
          {t('submit')}
        </Button>
        {quote.data && model && repairs.length > 0 ? (
          <span className="text-lg font-semibold tabular-nums">
            {formatMoney(quote.data.totalMinor, quote.data.currency)}
          </span>
        ) : null}
      </div>
    </form>
  );
}
