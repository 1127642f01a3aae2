'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import useSWR from 'swr';
import { Search } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { authClient as api } from './api-client';
import { securityClient } from '@/features/security/components';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { Input, Select } from '@/components/ui/input';
import { Skeleton } from '@/components/ui/skeleton';
import { useToast } from '@/components/ui/toast';
import type { AdminUser } from '../schemas';

const ROLES = ['customer', 'technician', 'manager', 'admin'] as const;

const TIME = new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', dateStyle: 'medium' });

export function AdminUsers({ meId, shops }: { meId: string; shops: Array<{ slug: string; name: string }> }) {
  const t = useTranslations('admin');
  const toast = useToast();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [confirm, setConfirm] = useState<AdminUser | null>(null);
  const [roleChange, setRoleChange] = useState<{ user: AdminUser; to: AdminUser['role'] } | null>(null);
  const [resetting, setResetting] = useState<AdminUser | null>(null);
  const { data, error, isLoading, mutate } = useSWR(['admin-users', q, page], async () => {
    const res = await api.admin.users.$get({ query: { q: q || undefined, page: String(page) } });
    if (!res.ok) throw new Error((await readProblem(res)).detail);
    return res.json();
  });

  async function patch(
    u: AdminUser,
    change: { role?: AdminUser['role']; disabled?: boolean; shopSlug?: string | null },
  ) {
    const res = await api.admin.users[':id'].$patch({ param: { id: u.id }, json: change });
    if (res.ok) {
      toast({ tone: 'success', title: t('saved', { email: u.email }) });
      await mutate();
    } else {
      toast({ tone: 'error', title: t('saveFailed'), description: (await readProblem(res)).detail });
    }
  }

  async function resetTwoFactor(u: AdminUser) {
    const res = await api.admin.users[':id']['reset-two-factor'].$post({ param: { id: u.id } });
    if (res.ok) {
      toast({ tone: 'success', title: t('twoFactorResetDone', { email: u.email }) });
      await mutate();
    } else {
      toast({ tone: 'error', title: t('saveFailed'), description: (await readProblem(res)).detail });
    }
  }

  async function unlock(u: AdminUser) {
    const res = await securityClient.admin.users[':id'].unlock.$post({ param: { id: u.id } });
    if (res.ok) {
      toast({ tone: 'success', title: t('unlocked', { email: u.email }) });
      await mutate();
    } else {
      toast({ tone: 'error', title: t('saveFailed'), description: (await readProblem(res)).detail });
    }
  }

  return (
    <div>
      <form
        role="search"
        className="relative max-w-md"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
        }}
      >
        <label htmlFor="user-search" className="sr-only">
          {t('search')}
        </label>
        <Search className="pointer-events-none absolute left-3 top-3 size-5 text-slate-500" aria-hidden />
        <Input
          id="user-search"
          type="search"
          className="pl-10"
          placeholder={t('search')}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setPage(1);
          }}
          data-testid="user-search"
        />
      </form>
      {error ? (
        <p role="alert" className="mt-4 text-red-800">
          {t('loadError')}
        </p>
      ) : isLoading || !data ? (
        <div className="mt-4 space-y-2">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-14" />
          ))}
        </div>
      ) : data.items.length === 0 ? (
        <p className="mt-4 text-slate-700">{t('noUsers')}</p>
      ) : (
        <ul
          className="mt-4 divide-y divide-slate-100 rounded-2xl border border-slate-200 bg-white"
          aria-label={t('caption')}
        >
          {data.items.map((u) => (
            <li
              key={u.id}
              data-testid={`user-row-${u.email}`}
              className="grid gap-3 p-4 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-center"
            >
              <div className="min-w-0">
                <span className="font-medium">{u.name}</span>
                <span className="block break-all text-slate-600">{u.email}</span>
                <span className="text-xs text-slate-600">
                  {u.emailVerified ? t('verified') : t('unverified')}
                  {' · '}
                  {u.twoFactorEnabled ? t('twoFactorOn') : t('twoFactorOff')}
                </span>
                {u.lockedUntil ? (
                  <span
                    className="mt-1 flex flex-wrap items-center gap-2 text-sm text-amber-900"
                    data-testid={`locked-${u.email}`}
                  >
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 font-medium">
                      {t('lockedUntil', { time: TIME.format(new Date(u.lockedUntil)) })}
                    </span>
                    <Button
                      size="sm"
                      variant="secondary"
                      onClick={() => void unlock(u)}
                      data-testid={`unlock-${u.email}`}
                    >
                      {t('unlock')}
                      <span className="sr-only"> {u.email}</span>
                    </Button>
                  </span>
                ) : null}
              </div>
              <div>
                <label
                  className="mb-1 block text-xs font-medium text-slate-600 md:sr-only"
                  htmlFor={`role-${u.id}`}
                >
                  {t('role')}
                  <span className="sr-only"> {u.email}</span>
                </label>
                <Select
                  id={`role-${u.id}`}
                  className="h-11"
                  value={u.role}
                  disabled={u.id === meId}
                  onChange={(e) => setRoleChange({ user: u, to: e.target.value as AdminUser['role'] })}
                  data-testid={`role-${u.email}`}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </Select>
              </div>
              <div>
                <label
                  className="mb-1 block text-xs font-medium text-slate-600 md:sr-only"
                  htmlFor={`shop-${u.id}`}
                >
                  {t('shop')}
                  <span className="sr-only"> {u.email}</span>
                </label>
                <Select
                  id={`shop-${u.id}`}
                  className="h-11"
                  value={u.shopSlug ?? ''}
                  onChange={(e) => void patch(u, { shopSlug: e.target.value || null })}
                >
                  <option value="">{t('allShops')}</option>
                  {shops.map((s) => (
                    <option key={s.slug} value={s.slug}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </div>
              <div>
                {u.twoFactorEnabled && u.id !== meId ? (
                  <Button
                    size="sm"
                    variant="secondary"
                    className="mb-2 mr-2"
                    onClick={() => setResetting(u)}
                    data-testid={`reset-2fa-${u.email}`}
                  >
                    {t('twoFactorReset')}
                    <span className="sr-only"> {u.email}</span>
                  </Button>
                ) : null}
                {u.id === meId ? (
                  <span className="text-sm text-slate-600">{t('you')}</span>
                ) : u.disabled ? (
                  <Button size="sm" variant="secondary" onClick={() => void patch(u, { disabled: false })}>
                    {t('enable')}
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    variant="danger"
                    onClick={() => setConfirm(u)}
                    data-testid={`disable-${u.email}`}
                  >
                    {t('disable')}
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && data.total > data.pageSize ? (
        <nav aria-label={t('pages')} className="mt-4 flex items-center gap-3">
          <Button size="sm" variant="secondary" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('previous')}
          </Button>
          <span className="text-sm text-slate-700">
            {t('pageOf', { page, pages: Math.ceil(data.total / data.pageSize) })}
          </span>
          <Button
            size="sm"
            variant="secondary"
            disabled={page * data.pageSize >= data.total}
            onClick={() => setPage((p) => p + 1)}
          >
            {t('next')}
          </Button>
        </nav>
      ) : null}
      <Dialog
        open={confirm !== null}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t('disableTitle')}
        description={confirm ? t('disableText', { email: confirm.email }) : undefined}
        closeLabel={t('cancel')}
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setConfirm(null)}>
            {t('cancel')}
          </Button>
          <Button
            variant="danger"
            data-testid="confirm-disable"
            onClick={() => {
              const u = confirm;
              setConfirm(null);
              if (u) void patch(u, { disabled: true });
            }}
          >
            {t('disable')}
          </Button>
        </div>
      </Dialog>
      <Dialog
        open={roleChange !== null}
        onOpenChange={(open) => !open && setRoleChange(null)}
        title={t('roleChangeTitle')}
        description={
          roleChange
            ? t('roleChangeText', {
                email: roleChange.user.email,
                from: t(`roles.${roleChange.user.role}`),
                to: t(`roles.${roleChange.to}`),
              })
            : undefined
        }
        closeLabel={t('cancel')}
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setRoleChange(null)} data-testid="cancel-role-change">
            {t('cancel')}
          </Button>
          <Button
            data-testid="confirm-role-change"
            onClick={() => {
              const change = roleChange;
              setRoleChange(null);
              if (change) void patch(change.user, { role: change.to });
            }}
          >
            {t('roleChangeConfirm')}
          </Button>
        </div>
      </Dialog>
      <Dialog
        open={resetting !== null}
        onOpenChange={(open) => !open && setResetting(null)}
        title={t('twoFactorResetTitle')}
        description={resetting ? t('twoFactorResetText', { email: resetting.email }) : undefined}
        closeLabel={t('cancel')}
      >
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => setResetting(null)}>
            {t('cancel')}
          </Button>
          <Button
            variant="danger"
            data-testid="confirm-reset-2fa"
            onClick={() => {
              const u = resetting;
              setResetting(null);
              if (u) void resetTwoFactor(u);
            }}
          >
            {t('twoFactorReset')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
