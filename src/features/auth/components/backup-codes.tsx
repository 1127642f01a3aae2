'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Copy, Download } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { backupCodesFile } from '../backup-codes-file';

/** The backup codes as a list, with "Download" (a .txt file) and "Copy". */
export function BackupCodes({
  codes,
  email,
  shopName,
}: {
  codes: string[];
  email: string;
  shopName: string;
}) {
  const t = useTranslations('accountSecurity.backupCodes');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const file = () =>
    backupCodesFile({
      shopName,
      email,
      codes,
      createdAt: new Date(),
      intro: [t('fileIntro1'), t('fileIntro2')],
    });

  function download() {
    const { filename, text } = file();
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus({ ok: true, text: t('downloaded', { filename }) });
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(file().text);
      setStatus({ ok: true, text: t('copied') });
    } catch {
      setStatus({ ok: false, text: t('copyFailed') });
    }
  }

  return (
    <div>
      <ol
        className="grid grid-cols-1 gap-2 rounded-xl border border-slate-200 bg-slate-50 p-4 font-mono text-base min-[360px]:grid-cols-2"
        aria-label={t('listLabel')}
        data-testid="backup-codes"
      >
        {codes.map((code) => (
          <li key={code} className="select-all tracking-wide text-slate-900" data-testid="backup-code">
            {code}
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" variant="secondary" size="sm" onClick={download} data-testid="backup-download">
          <Download className="size-4" aria-hidden /> {t('download')}
        </Button>
        <Button type="button" variant="secondary" size="sm" onClick={copy} data-testid="backup-copy">
          <Copy className="size-4" aria-hidden /> {t('copy')}
        </Button>
      </div>
      <p
        role="status"
        className={`mt-2 min-h-5 text-sm ${status?.ok === false ? 'text-red-800' : 'text-emerald-800'}`}
        data-testid="backup-status"
      >
        {status?.text}
      </p>
    </div>
  );
}
