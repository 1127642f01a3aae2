'use client';
/**
 * "Export" on the analytics dashboard: a disclosure button that opens a list of download links
 * (the current view as CSV, XLSX, PDF; the accounting CSVs for Xero and QuickBooks). Plain links,
 * so the browser downloads the streamed file itself. Keyboard: Enter/Space opens, Tab moves
 * through the links, Escape closes and gives focus back to the button; a click outside closes.
 * Every target is at least 44 px high.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Download } from 'lucide-react';
import { exportLinks, type QueryLike } from './export-links';

export interface ExportMenuProps {
  /** the dashboard's current query: from, to, compare, shop, interval */
  query: QueryLike;
  /** the metric ids the dashboard shows, in order */
  metrics: string[];
}

export function ExportMenu({ query, metrics }: ExportMenuProps) {
  const t = useTranslations('analytics.exports.menu');
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const links = exportLinks(query, metrics);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const group = (name: 'current' | 'accounting') => (
    <div role="group" aria-labelledby={`${panelId}-${name}`}>
      <p id={`${panelId}-${name}`} className="px-3 pt-2 text-xs font-semibold uppercase text-slate-600">
        {t(name)}
      </p>
      <ul>
        {links
          .filter((l) => l.group === name)
          .map((l) => (
            <li key={l.key}>
              <a
                href={l.href}
                download
                data-testid={`export-${l.key}`}
                className="flex min-h-11 items-center px-3 text-sm text-slate-900 hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-brand"
                onClick={() => setOpen(false)}
              >
                {t(l.key)}
              </a>
            </li>
          ))}
      </ul>
    </div>
  );

  return (
    <div ref={root} className="relative inline-block">
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('label')}
        data-testid="export-menu"
        className="inline-flex min-h-11 min-w-11 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand"
        onClick={() => setOpen((o) => !o)}
      >
        <Download aria-hidden="true" className="size-4" />
        <span>{t('button')}</span>
      </button>
      <div
        id={panelId}
        hidden={!open}
        className="absolute right-0 z-20 mt-1 w-72 max-w-[calc(100vw-2rem)] rounded-md border border-slate-200 bg-white py-1 shadow-lg"
      >
        {group('current')}
        {group('accounting')}
        <p className="px-3 py-2 text-xs text-slate-600">{t('hint')}</p>
      </div>
    </div>
  );
}
