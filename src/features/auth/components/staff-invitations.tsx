'use client';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import useSWR from 'swr';
import { readProblem } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { authClient as api } from './api-client';
import type { Invitation, StaffRole } from '../schemas';

// a type-only import of schemas.ts keeps zod out of the browser bundle
const STAFF_ROLES: StaffRole[] = ['technician', 'manager', 'admin'];

const TIME = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', dateStyle: 'medium' });

/** Invite staff by e-mail with a role and shop; the invitations with their status. */
export function StaffInvitations({ shops }: { shops: Array<{ slug: string; name: string }> }) {
  const t = useTranslations('staffInvites');
  const tAdmin = useTranslations('admin');
  const toast = useToast();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRole>('technician');
  const [shop, setShop] = useState(shops[0]?.slug ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { data, mutate } = useSWR('admin-invitations', async () => {
    const res = await api.admin.invitations.$get();
    if (!res.ok) throw new Error((await readProblem(res)).detail);
    return res.json();
  });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    const res = await api.admin.invitations.$post({ json: { email, role, shopSlug: shop || null } });
    setBusy(false);
    if (res.ok) {
      toast({ tone: 'success', title: t('sent', { email: email.trim() }) });
      setEmail('');
      await mutate();
      return;
    }
    const p = await readProblem(res);
    setErrors(Object.fromEntries((p.errors ?? []).map((fe) => [fe.path, fe.message])));
    if (!p.errors?.length) toast({ tone: 'error', title: t('failed'), description: p.detail });
  }

  async function act(inv: Invitation, action: 'resend' | 'revoke') {
    const route = api.admin.invitations[':id'][action];
    const res = await route.$post({ param: { id: inv.id } });
    if (res.ok) {
      toast({ tone: 'success', title: t(action === 'resend' ? 'resent' : 'revoked', { email: inv.email }) });
      await mutate();
    } else {
      toast({ tone: 'error', title: tAdmin('saveFailed'), description: (await readProblem(res)).detail });
    }
  }

  const shopName = (slug: string | null) => shops.find((s) => s.slug === slug)?.name ?? tAdmin('allShops');
  return (
    <section aria-labelledby="invite-heading" className="rounded-2xl border border-slate-200 bg-white p-4">
      <h2 id="invite-heading" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('lead')}</p>
      <form
        onSubmit={submit}
        noValidate
        className="mt-4 grid gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start"
        data-testid="invite-form"
      >
        <Field id="invite-email" label={t('email')} error={errors.email} required>
          <Input
            id="invite-email"
            type="email"
            autoComplete="off"
            value={email}
            maxLength={254}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? 'invite-email-error' : undefined}
            data-testid="invite-email"
          />
        </Field>
        <Field id="invite-role" label={t('role')} error={errors.role}>
          <Select
            id="invite-role"
            value={role}
            onChange={(e) => setRole(e.target.value as StaffRole)}
            data-testid="invite-role"
          >
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {tAdmin(`roles.${r}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="invite-shop" label={t('shop')} error={errors.shopSlug}>
          <Select
            id="invite-shop"
            value={shop}
            onChange={(e) => setShop(e.target.value)}
            aria-invalid={errors.shopSlug ? true : undefined}
            aria-describedby={errors.shopSlug ? 'invite-shop-error' : undefined}
            data-testid="invite-shop"
          >
            <option value="">{t('noShop')}</option>
            {shops.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={busy} className="md:mt-7" data-testid="invite-send">
          {t('send')}
        </Button>
      </form>
      <h3 className="mt-6 font-semibold">{t('listTitle')}</h3>
      {data && data.items.length === 0 ? <p className="mt-2 text-slate-700">{t('none')}</p> : null}
      <ul className="mt-2 divide-y divide-slate-100" aria-label={t('listTitle')}>
        {data?.items.map((inv) => (
          <li
            key={inv.id}
            className="flex flex-wrap items-center justify-between gap-2 py-3"
            data-testid={`invite-row-${inv.email}`}
          >
            <div className="min-w-0">
              <span className="block break-all font-medium">{inv.email}</span>
              <span className="text-sm text-slate-700">
                {tAdmin(`roles.${inv.role}`)} · {shopName(inv.shopSlug)} ·{' '}
                <span data-testid={`invite-status-${inv.email}`}>{t(`status.${inv.status}`)}</span>
                {inv.status === 'pending'
                  ? ` · ${t('expires', { time: TIME.format(new Date(inv.expiresAt)) })}`
                  : ''}
              </span>
            </div>
            {inv.status === 'pending' || inv.status === 'expired' ? (
              <div className="flex gap-2">
                <Button size="sm" variant="secondary" onClick={() => void act(inv, 'resend')}>
                  {t('resend')}
                  <span className="sr-only"> {inv.email}</span>
                </Button>
                <Button size="sm" variant="danger" onClick={() => void act(inv, 'revoke')}>
                  {t('revoke')}
                  <span className="sr-only"> {inv.email}</span>
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
