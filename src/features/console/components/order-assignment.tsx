'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import useSWR from 'swr';
import { UserCheck } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { consoleClient } from './api-client';
import { repairsClient } from '@/features/repairs/components';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';

/**
 * Who works on the order. Managers pick anyone (their shop's staff first); a technician may
 * take an unassigned job for themselves.
 */
export function OrderAssignment({
  orderId,
  assigned,
  meId,
  shopSlug,
  assignAnyone,
  take,
}: {
  orderId: string;
  assigned: { id: string; name: string } | null;
  meId: string;
  shopSlug: string | null;
  assignAnyone: boolean;
  take: boolean;
}) {
  const t = useTranslations('staff.assign');
  const router = useRouter();
  const toast = useToast();
  const id = useId();
  const [choice, setChoice] = useState(assigned?.id ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const technicians = useSWR(assignAnyone ? ['staff-technicians'] : null, async () => {
    const res = await consoleClient.staff.technicians.$get();
    if (!res.ok) throw new Error((await readProblem(res as unknown as Response)).detail);
    return (await res.json()).items;
  });

  async function assign(technicianId: string | null, done: string) {
    setBusy(true);
    setError(null);
    const res = await repairsClient.staff.orders[':id'].assign.$post({
      param: { id: orderId },
      json: { technicianId },
    });
    setBusy(false);
    if (!res.ok) {
      const p = await readProblem(res as unknown as Response);
      setError(p.errors?.[0]?.message ?? p.detail);
      toast({ tone: 'error', title: t('failed'), description: p.detail });
      return;
    }
    toast({ tone: 'success', title: done });
    router.refresh();
  }

  const sorted = [...(technicians.data ?? [])].sort(
    (a, b) =>
      Number(b.shopSlug === shopSlug) - Number(a.shopSlug === shopSlug) || a.name.localeCompare(b.name),
  );

  return (
    <div className="space-y-3">
      <p className="flex items-center gap-2 text-slate-800" data-testid="assigned-to">
        <UserCheck className="size-5 text-slate-500" aria-hidden />
        {assigned ? (assigned.id === meId ? t('you') : t('current', { name: assigned.name })) : t('none')}
      </p>
      {take ? (
        <Button onClick={() => void assign(meId, t('taken'))} loading={busy} data-testid="take-job">
          {t('take')}
        </Button>
      ) : null}
      {assignAnyone ? (
        <form
          className="flex flex-col gap-2 sm:flex-row sm:items-end"
          onSubmit={(e) => {
            e.preventDefault();
            void assign(choice || null, t('saved'));
          }}
        >
          <div className="flex-1">
            <label htmlFor={`${id}-tech`} className="mb-1 block text-sm font-medium text-slate-800">
              {t('label')}
            </label>
            <Select
              id={`${id}-tech`}
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              disabled={!technicians.data}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              data-testid="assign-select"
            >
              <option value="">{t('unassigned')}</option>
              {sorted.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </Select>
          </div>
          <Button
            type="submit"
            variant="secondary"
            loading={busy}
            disabled={(assigned?.id ?? '') === choice}
            data-testid="assign-save"
          >
            {t('save')}
          </Button>
        </form>
      ) : null}
      {assignAnyone && technicians.isLoading ? (
        <p role="status" className="text-sm text-slate-600">
          {t('loading')}
        </p>
      ) : null}
      {technicians.error ? (
        <p role="alert" className="text-sm text-red-700">
          {t('loadError')}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
