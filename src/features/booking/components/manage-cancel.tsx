'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import type { ManageBooking } from '../schemas';
import { cancelBookingRequest } from './queries';
import { CancelTerms } from './cancel-money';

/** "Cancel booking" opens a confirmation dialog; only its confirm button sends the POST. */
export function ManageCancel({
  booking,
  sig,
  when,
  onDone,
  onConflict,
}: {
  booking: ManageBooking;
  sig: string;
  when: string | null;
  onDone: (booking: ManageBooking) => void;
  /** the booking changed elsewhere (already cancelled, device received): reload it */
  onConflict: (message: string) => void;
}) {
  const t = useTranslations('manage');
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await cancelBookingRequest(booking.reference, sig);
      if (result.ok) {
        setOpen(false);
        onDone(result.booking);
      } else if (result.problem.status === 409 || result.problem.status === 404) {
        setOpen(false);
        onConflict(result.problem.detail);
      } else {
        setError(result.problem.detail || t('errorGeneric'));
      }
    } catch {
      setError(t('errorGeneric'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card role="region" aria-labelledby="cancel-title">
      <h2 id="cancel-title" className="text-lg font-semibold">
        {t('cancelTitle')}
      </h2>
      <p className="mt-1 text-slate-700">{t('cancelLead')}</p>
      <CancelTerms booking={booking} />
      <Button
        variant="secondary"
        className="mt-4"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        data-testid="cancel-open"
      >
        {t('cancelOpen')}
      </Button>
      <Dialog
        open={open}
        onOpenChange={(next) => {
          if (!busy) setOpen(next);
        }}
        title={t('cancelDialogTitle')}
        description={
          when
            ? t('cancelDialogDropOff', { when })
            : t('cancelDialogMailIn', { reference: booking.reference })
        }
        closeLabel={t('close')}
      >
        <div className="mb-4">
          <CancelTerms booking={booking} />
        </div>
        {error ? (
          <p role="alert" className="mb-3 font-medium text-red-700">
            {error}
          </p>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
            {t('cancelKeep')}
          </Button>
          <Button
            variant="danger"
            onClick={() => void confirm()}
            loading={busy}
            disabled={busy}
            data-testid="cancel-confirm"
          >
            {busy ? t('cancelling') : t('cancelConfirm')}
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}
