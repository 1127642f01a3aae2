'use client';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { readProblem } from '@/components/api-problem';
import { emailClient as api } from './api-client';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input, Select } from '@/components/ui/input';
import { EMAIL_STATUSES } from '../presets';
import type { MessageDetail, MessageList, MessageSummary } from '../schemas';

const BADGE: Record<MessageSummary['status'], string> = {
  queued: 'bg-slate-100 text-slate-800',
  sending: 'bg-sky-100 text-sky-900',
  sent: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-amber-100 text-amber-900',
  dead: 'bg-red-100 text-red-900',
  cancelled: 'bg-slate-100 text-slate-700',
};

function DeliveryStatus({ status }: { status: MessageSummary['status'] }) {
  const t = useTranslations('email.outbox.statuses');
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${BADGE[status]}`}>{t(status)}</span>
  );
}

/**
 * The outbox list with filter, HTML preview (sandboxed iframe) and resend. The preview opens in
 * view: a side panel that stays put beside the list on wide screens, scrolled to and focused
 * above the list on narrow ones; closing it returns focus to the message's Preview button.
 */
export function OutboxView({ list, status, q }: { list: MessageList; status?: string; q?: string }) {
  const t = useTranslations('email.outbox');
  const format = useFormatter();
  const router = useRouter();
  const [filterStatus, setFilterStatus] = useState(status ?? '');
  const [query, setQuery] = useState(q ?? '');
  const [preview, setPreview] = useState<MessageDetail | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const panel = useRef<HTMLElement>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<string | null>(null);

  // each preview opened: bring the panel into view (a no-op beside the list) and focus its title
  useEffect(() => {
    if (!preview) return;
    panel.current?.scrollIntoView({ block: 'nearest' });
    panelHeading.current?.focus({ preventScroll: true });
  }, [preview]);

  function closePreview() {
    setPreview(null);
    const id = opener.current;
    if (id) requestAnimationFrame(() => document.getElementById(`outbox-preview-${id}`)?.focus());
  }

  const href = (page: number, s = filterStatus, search = query) => {
    const p = new URLSearchParams();
    if (s) p.set('status', s);
    if (search.trim()) p.set('q', search.trim());
    if (page > 1) p.set('page', String(page));
    const qs = p.toString();
    return `/admin/email/outbox${qs ? `?${qs}` : ''}`;
  };

  function filter(e: FormEvent) {
    e.preventDefault();
    router.push(href(1));
  }

  async function open(id: string) {
    setBusy(id);
    try {
      const res = await api.email.messages[':id'].$get({ param: { id } });
      if (!res.ok) return setNotice((await readProblem(res)).detail);
      opener.current = id;
      setPreview(await res.json());
    } finally {
      setBusy(null);
    }
  }

  async function resend(id: string) {
    setBusy(id);
    try {
      const res = await api.email.messages[':id'].resend.$post({ param: { id } });
      setNotice(res.ok ? t('resent') : (await readProblem(res)).detail);
      if (res.ok) router.refresh();
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-4">
      <form onSubmit={filter} className="flex flex-wrap items-end gap-3">
        <label className="space-y-1 text-sm font-medium text-slate-800">
          <span className="block">{t('filterStatus')}</span>
          <Select value={filterStatus} onChange={(e) => setFilterStatus(e.target.value)} className="w-40">
            <option value="">{t('allStatuses')}</option>
            {EMAIL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`statuses.${s}`)}
              </option>
            ))}
          </Select>
        </label>
        <label className="flex-1 space-y-1 text-sm font-medium text-slate-800">
          <span className="block">{t('search')}</span>
          <Input value={query} onChange={(e) => setQuery(e.target.value)} maxLength={200} />
        </label>
        <Button type="submit" variant="secondary">
          {t('apply')}
        </Button>
      </form>
      {notice ? (
        <p role="status" className="text-sm font-medium text-slate-800">
          {notice}
        </p>
      ) : null}
      <div
        className={
          preview ? 'flex flex-col gap-4 lg:grid lg:grid-cols-2 lg:items-start lg:gap-6' : 'space-y-4'
        }
      >
        {preview ? (
          <aside
            ref={panel}
            aria-labelledby="outbox-preview-title"
            className="order-first scroll-mt-20 lg:sticky lg:top-20 lg:order-last"
            data-testid="outbox-preview"
          >
            <Card className="space-y-3">
              <div className="flex items-center justify-between gap-2">
                <h2
                  id="outbox-preview-title"
                  ref={panelHeading}
                  tabIndex={-1}
                  className="min-w-0 font-semibold break-words text-slate-900 outline-none"
                >
                  {preview.subject}
                </h2>
                <Button size="sm" variant="ghost" onClick={closePreview}>
                  {t('close')}
                </Button>
              </div>
              {preview.attachments.length ? (
                <p className="text-sm text-slate-700">
                  {t('attachments')}: {preview.attachments.map((a) => a.filename).join(', ')}
                </p>
              ) : null}
              <iframe
                sandbox=""
                srcDoc={preview.html}
                title={t('previewTitle', { subject: preview.subject })}
                className="h-[32rem] max-h-[70vh] w-full rounded-lg border border-slate-200 bg-white lg:h-[calc(100vh-12rem)] lg:max-h-none"
              />
            </Card>
          </aside>
        ) : null}
        <div className="min-w-0 space-y-4">
          {list.items.length === 0 ? (
            <p className="text-slate-700">{t('empty')}</p>
          ) : (
            <ul className="space-y-3">
              {list.items.map((m) => (
                <li key={m.id}>
                  <Card className="space-y-2 p-4 sm:p-4">
                    <div className="flex flex-wrap items-center gap-2">
                      <DeliveryStatus status={m.status} />
                      {m.transport ? (
                        <span className="text-xs text-slate-600">{t(`transport.${m.transport}`)}</span>
                      ) : null}
                      <span className="ml-auto text-xs text-slate-600">
                        {format.dateTime(new Date(m.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}
                      </span>
                    </div>
                    <p className="font-semibold break-words text-slate-900">{m.subject}</p>
                    <p className="text-sm text-slate-700">
                      {t('to')}: {m.to} · {t('attempts')}: {m.attempts}
                    </p>
                    {m.lastError ? (
                      <p className="text-sm break-words text-red-800">
                        {t('lastError')}: {m.lastError}
                      </p>
                    ) : null}
                    <div className="flex gap-2">
                      <Button
                        id={`outbox-preview-${m.id}`}
                        size="sm"
                        variant="secondary"
                        loading={busy === m.id}
                        aria-expanded={preview?.id === m.id}
                        onClick={() => open(m.id)}
                      >
                        {t('preview')}
                      </Button>
                      {m.status === 'sent' || m.status === 'failed' || m.status === 'dead' ? (
                        <Button
                          size="sm"
                          variant="ghost"
                          disabled={busy !== null}
                          onClick={() => resend(m.id)}
                        >
                          {t('resend')}
                        </Button>
                      ) : null}
                    </div>
                  </Card>
                </li>
              ))}
            </ul>
          )}
          <nav
            className="flex items-center justify-between text-sm"
            aria-label={t('page', { page: list.page, pages })}
          >
            <span>{t('page', { page: list.page, pages })}</span>
            <span className="flex gap-2">
              {list.page > 1 ? (
                <Button asChild size="sm" variant="secondary">
                  <a href={href(list.page - 1, status ?? '', q ?? '')}>{t('previous')}</a>
                </Button>
              ) : null}
              {list.page < pages ? (
                <Button asChild size="sm" variant="secondary">
                  <a href={href(list.page + 1, status ?? '', q ?? '')}>{t('next')}</a>
                </Button>
              ) : null}
            </span>
          </nav>
        </div>
      </div>
    </div>
  );
}
