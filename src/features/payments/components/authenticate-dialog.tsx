'use client';
import { useTranslations } from 'next-intl';
import { ShieldCheck } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

/**
 * The sandbox's stand-in for the bank's 3-D Secure page: the customer completes or fails the
 * extra step. Closing the dialog (Escape, the close button) counts as not completing it.
 */
export function AuthenticateDialog({
  open,
  amount,
  busy,
  onDecide,
}: {
  open: boolean;
  /** the formatted amount, e.g. £129.00 */
  amount: string;
  busy: 'approve' | 'deny' | null;
  onDecide: (approve: boolean) => void;
}) {
  const t = useTranslations('payments.authenticate');
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next && busy === null) onDecide(false);
      }}
      title={t('title')}
      description={t('description', { amount })}
      closeLabel={t('close')}
    >
      <div className="flex items-start gap-3 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
        <ShieldCheck className="mt-0.5 size-5 shrink-0" aria-hidden />
        <p>{t('testNote')}</p>
      </div>
      <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button
          variant="secondary"
          onClick={() => onDecide(false)}
          loading={busy === 'deny'}
          disabled={busy !== null}
          data-testid="authenticate-deny"
        >
          {t('deny')}
        </Button>
        <Button
          onClick={() => onDecide(true)}
          loading={busy === 'approve'}
          disabled={busy !== null}
          data-testid="authenticate-approve"
        >
          {t('approve')}
        </Button>
      </div>
    </Dialog>
  );
}
