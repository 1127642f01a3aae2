'use client';
/**
 * /staff/scan: scan a job ticket's QR code (or type its reference) and open the order. A code
 * that is not one of our tickets says so, with the start of what it reads.
 */
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState, useSyncExternalStore, type FormEvent } from 'react';
import { RotateCcw } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/input';
import { normaliseReference } from '@/features/repairs';
import { classifyScan, scanExcerpt } from '../classify-scan';
import { BarcodeScanner } from './barcode-scanner';
import { MATRIX_FORMATS, type ScanResult } from './decoders';

const noSubscription = () => () => {};

type Outcome = { tone: 'info' | 'error'; text: string } | null;

export function ScanPage({ publicBaseUrl }: { publicBaseUrl: string }) {
  const t = useTranslations('scanner');
  const router = useRouter();
  const id = useId();
  // the camera and the decoder are the browser's: nothing of the scanner renders on the server
  const mounted = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const [round, setRound] = useState(0);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);

  function open(reference: string) {
    setOutcome({ tone: 'info', text: t('opening', { reference }) });
    router.push(`/staff/orders/${encodeURIComponent(reference)}`);
  }

  function onResult(result: ScanResult) {
    const scanned = classifyScan(result.text, [window.location.origin, publicBaseUrl]);
    if (scanned.kind === 'order') open(scanned.reference);
    else setOutcome({ tone: 'error', text: t('foreign', { text: scanExcerpt(result.text) }) });
  }

  function onTyped(e: FormEvent) {
    e.preventDefault();
    const reference = normaliseReference(typed);
    if (!reference) {
      setTypedError(t('referenceInvalid'));
      return;
    }
    setTypedError(null);
    open(reference);
  }

  return (
    <div className="space-y-8">
      <section aria-labelledby={`${id}-camera`} className="space-y-3">
        <h2 id={`${id}-camera`} className="text-lg font-semibold">
          {t('cameraHeading')}
        </h2>
        {mounted ? (
          <BarcodeScanner key={round} formats={MATRIX_FORMATS} onResult={onResult} />
        ) : (
          <p className="text-slate-700">{t('starting')}</p>
        )}
        <div aria-live="polite" aria-atomic="true" data-testid="scan-outcome">
          {outcome ? (
            <p
              className={
                outcome.tone === 'error'
                  ? 'break-words rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-900'
                  : 'rounded-lg border border-slate-200 bg-slate-50 p-3 font-medium text-slate-900'
              }
              data-tone={outcome.tone}
            >
              {outcome.text}
            </p>
          ) : null}
        </div>
        {outcome?.tone === 'error' ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setOutcome(null);
              setRound((r) => r + 1);
            }}
            data-testid="scan-again"
          >
            <RotateCcw className="size-5" aria-hidden />
            {t('scanAgain')}
          </Button>
        ) : null}
      </section>

      <section aria-labelledby={`${id}-typed`} className="space-y-3">
        <h2 id={`${id}-typed`} className="text-lg font-semibold">
          {t('typeHeading')}
        </h2>
        <form
          onSubmit={onTyped}
          noValidate
          className="flex flex-col gap-3 sm:flex-row sm:items-start"
          data-testid="scan-type-form"
        >
          <div className="min-w-0 flex-1">
            <Field
              id={`${id}-reference`}
              label={t('referenceLabel')}
              hint={t('referenceHint')}
              error={typedError}
            >
              <Input
                id={`${id}-reference`}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={20}
                aria-invalid={typedError ? true : undefined}
                aria-describedby={typedError ? `${id}-reference-error` : `${id}-reference-hint`}
                data-testid="scan-reference"
              />
            </Field>
          </div>
          {/* level with the input: below its label (text-sm line + the field's 6 px gap) */}
          <Button type="submit" className="self-start sm:mt-[26px]" data-testid="scan-open">
            {t('open')}
          </Button>
        </form>
      </section>
    </div>
  );
}
