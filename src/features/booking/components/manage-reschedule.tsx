'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import type { ManageBooking } from '../schemas';
import { rescheduleBookingRequest } from './queries';
import { SlotPicker } from './service-section';

/** Pick another free slot of the same shop and move the booking there (one POST). */
export function ManageReschedule({
  booking,
  sig,
  onDone,
  onConflict,
}: {
  booking: ManageBooking;
  sig: string;
  onDone: (booking: ManageBooking) => void;
  onConflict: (message: string) => void;
}) {
  const t = useTranslations('manage');
  const shop = booking.service.shop!;
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const submit = async () => {
    if (!selected) {
      setError(t('rescheduleChoose'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await rescheduleBookingRequest(booking.reference, sig, selected);
      if (result.ok) {
        setSelected(null);
        onDone(result.booking);
        return;
      }
      const { problem } = result;
      if (problem.code === 'CONFLICT' || problem.status === 404) {
        onConflict(problem.detail);
        return;
      }
      setError(problem.errors?.[0]?.message ?? problem.detail ?? t('errorGeneric'));
      if (problem.code === 'SLOT_FULL' || problem.code === 'SLOT_UNAVAILABLE') {
        setSelected(null);
        setReload((n) => n + 1); // show what is free now
      }
    } catch {
      setError(t('errorGeneric'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card role="region" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title" className="text-lg font-semibold">
        {t('rescheduleTitle')}
      </h2>
      <p className="mt-1 text-slate-700">{t('rescheduleLead', { shop: shop.name })}</p>
      <div className="mt-4">
        <SlotPicker
          key={`${booking.calendarSequence}:${reload}`}
          shop={shop}
          selected={selected}
          onSelect={(iso) => {
            setSelected(iso);
            setError(null);
          }}
          disabled={busy}
          error={error}
          exclude={booking.service.slotStartsAt}
          autoSelect={false}
        />
      </div>
      <Button
        className="mt-4 w-full sm:w-auto"
        onClick={() => void submit()}
        loading={busy}
        disabled={busy}
        data-testid="reschedule-submit"
      >
        {busy ? t('rescheduling') : t('rescheduleSubmit')}
      </Button>
    </Card>
  );
}
