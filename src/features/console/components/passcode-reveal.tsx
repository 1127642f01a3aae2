'use client';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Eye, EyeOff } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { repairsClient as api } from '@/features/repairs/components';
import { Button } from '@/components/ui/button';

/** Shows the stored passcode on request; the server records who looked. */
export function PasscodeReveal({ orderId }: { orderId: string }) {
  const t = useTranslations('staff.passcode');
  const router = useRouter();
  const [passcode, setPasscode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function reveal() {
    setBusy(true);
    setError(null);
    const res = await api.staff.orders[':id'].passcode.reveal.$post({ param: { id: orderId } });
    setBusy(false);
    if (!res.ok) {
      setError((await readProblem(res as unknown as Response)).detail);
      return;
    }
    setPasscode((await res.json()).passcode);
    router.refresh(); // the timeline now shows the view
  }

  return (
    <div className="space-y-2">
      {passcode === null ? (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => void reveal()}
          loading={busy}
          data-testid="reveal-passcode"
        >
          <Eye className="size-4" aria-hidden />
          {t('reveal')}
        </Button>
      ) : (
        <div className="flex flex-wrap items-center gap-3">
          <p>
            <span className="text-sm text-slate-600">{t('label')}: </span>
            <output className="rounded bg-slate-100 px-2 py-1 font-mono text-lg" data-testid="passcode-value">
              {passcode}
            </output>
          </p>
          <Button variant="ghost" size="sm" onClick={() => setPasscode(null)}>
            <EyeOff className="size-4" aria-hidden />
            {t('hide')}
          </Button>
        </div>
      )}
      <p className="text-xs text-slate-600">{t('recorded')}</p>
      {error ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {t('failed')}: {error}
        </p>
      ) : null}
    </div>
  );
}
