'use client';
/**
 * "Scan" beside the intake form's IMEI / serial field: the scanner in a dialog. A barcode holding
 * a valid IMEI (Luhn) fills the field; any other linear barcode (Code 128, Code 39…) that reads
 * like a serial number fills it as the serial; a job ticket's QR says it is a ticket, not a
 * serial; anything else says what it read.
 */
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { RotateCcw, ScanLine } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { imeiSerialFromScan } from '../classify-scan';
import { BarcodeScanner } from './barcode-scanner';
import { LINEAR_FORMATS, MATRIX_FORMATS, isLinear, type ScanResult } from './decoders';

const FORMATS = [...LINEAR_FORMATS, ...MATRIX_FORMATS];

export function ScanFieldButton({
  onScan,
  fieldLabel,
  testId = 'scan-field',
}: {
  /** the value to put in the field (normalised: upper case, no spaces or dashes) */
  onScan: (value: string, kind: 'imei' | 'serial') => void;
  /** the field's label, for the button's accessible name */
  fieldLabel: string;
  testId?: string;
}) {
  const t = useTranslations('scanner');
  const [open, setOpen] = useState(false);
  const [round, setRound] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [filled, setFilled] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  // back on the button once the dialog has closed with a value (after Radix's own focus restore,
  // which finds nothing to restore to when the dialog was opened by a touch)
  useEffect(() => {
    if (open || !filled) return;
    const timer = setTimeout(() => buttonRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [open, filled]);

  function onResult(result: ScanResult) {
    const scanned = imeiSerialFromScan(result.text, isLinear(result.format), window.location.origin);
    if ('fill' in scanned) {
      onScan(scanned.fill, scanned.kind);
      setFilled(t(scanned.kind === 'imei' ? 'filledImei' : 'filledSerial', { value: scanned.fill }));
      setOpen(false);
    } else if (scanned.problem === 'ticket') setProblem(t('ticketNotSerial'));
    else setProblem(t('notSerial', { text: scanned.excerpt }));
  }

  return (
    <>
      <Button
        ref={buttonRef}
        type="button"
        variant="secondary"
        onClick={() => {
          setProblem(null);
          setFilled(null);
          setRound((r) => r + 1);
          setOpen(true);
        }}
        aria-label={t('scanField', { field: fieldLabel })}
        data-testid={testId}
      >
        <ScanLine className="size-5" aria-hidden />
        {t('scan')}
      </Button>
      <span className="sr-only" aria-live="polite" data-testid={`${testId}-announce`}>
        {filled}
      </span>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title={t('dialogTitle', { field: fieldLabel })}
        description={t('dialogLead')}
        closeLabel={t('close')}
      >
        {open ? (
          <div className="space-y-3" data-testid={`${testId}-dialog`}>
            <BarcodeScanner key={round} formats={FORMATS} onResult={onResult} />
            <div aria-live="polite" aria-atomic="true">
              {problem ? (
                <p
                  className="break-words rounded-lg border border-red-300 bg-red-50 p-3 font-medium text-red-900"
                  data-testid={`${testId}-problem`}
                >
                  {problem}
                </p>
              ) : null}
            </div>
            {problem ? (
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setProblem(null);
                  setRound((r) => r + 1);
                }}
              >
                <RotateCcw className="size-5" aria-hidden />
                {t('scanAgain')}
              </Button>
            ) : null}
          </div>
        ) : null}
      </Dialog>
    </>
  );
}
