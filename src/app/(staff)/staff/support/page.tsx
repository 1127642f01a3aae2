import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { Card } from '@/components/ui/card';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { defineAbilityFor } from '@/features/access';
import { getDb } from '@/server/db/runtime';
import { DomainError } from '@/server/domain-error';
import { LiveRefresh } from '@/features/live/components/live-refresh';
import { getStaffConversation, listStaffConversations, type SupportStaff } from '@/features/support/server';
import {
  INBOX_FILTERS,
  StaffInboxList,
  type InboxFilterKey,
} from '@/features/support/components/staff-inbox-list';
import { StaffTranscript } from '@/features/support/components/staff-transcript';
import { StaffReplyForm } from '@/features/support/components/staff-reply-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  return { title: (await getTranslations('staffSupport'))('title'), robots: { index: false } };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The console's support inbox: conversations the assistant handed over to this shop (live:
 * a new one, or a customer writing again, refreshes the page), one transcript, reply and close.
 * On a phone the list and the transcript take turns.
 */
export default async function StaffSupportPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string; c?: string }>;
}) {
  const q = await searchParams;
  const filter: InboxFilterKey = INBOX_FILTERS.find((f) => f === q.status) ?? 'waiting_staff';
  const selectedId = q.c && UUID.test(q.c) ? q.c : null;
  const params = new URLSearchParams();
  if (filter !== 'waiting_staff') params.set('status', filter);
  if (selectedId) params.set('c', selectedId);
  const me = await requirePageRole('technician', `/staff/support${params.size ? `?${params}` : ''}`);
  const t = await getTranslations('staffSupport');
  const tStaff = await getTranslations('staff');
  const staff: SupportStaff = {
    id: me.id,
    name: me.name,
    role: me.role,
    shopSlug: me.shopSlug,
    ability: defineAbilityFor(me),
  };
  const db = await getDb();
  const items = await listStaffConversations(db, staff, filter);
  const selected = selectedId
    ? await getStaffConversation(db, staff, selectedId).catch((err: unknown) => {
        if (err instanceof DomainError && err.code === 'NOT_FOUND') return null;
        throw err;
      })
    : null;
  const back = filter === 'waiting_staff' ? '/staff/support' : `/staff/support?status=${filter}`;

  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <Link
        href="/staff"
        className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-brand underline"
      >
        <ArrowLeft className="size-4" aria-hidden /> {tStaff('consoleTitle')}
      </Link>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">{t('title')}</h1>
        <LiveRefresh url="/api/staff/support/live" label={t('updated')} />
      </div>
      <p className="mt-1 text-slate-700">{t('lead')}</p>

      <div className="mt-6 grid gap-6 lg:grid-cols-[22rem_1fr]">
        <section aria-label={t('listLabel')} className={selected ? 'hidden lg:block' : undefined}>
          <StaffInboxList items={items} filter={filter} selectedId={selected?.id ?? null} />
        </section>
        <section aria-label={t('conversationLabel')} className={selected ? undefined : 'hidden lg:block'}>
          {selected ? (
            <Card data-testid="staff-support-conversation" data-conversation={selected.id}>
              <Link
                href={back}
                className="inline-flex min-h-11 items-center gap-1 text-sm font-medium text-brand underline lg:hidden"
              >
                <ArrowLeft className="size-4" aria-hidden /> {t('backToList')}
              </Link>
              <h2 className="text-xl font-semibold">
                {selected.customerName ?? selected.contactEmail ?? t('visitor')}
              </h2>
              <p className="mt-1 text-sm text-slate-700">
                {t(`status.${selected.status}`)}
                {selected.handoverReason ? ` · ${t(`reason.${selected.handoverReason}`)}` : ''}
                {selected.contactEmail ? ` · ${selected.contactEmail}` : ` · ${t('noEmail')}`}
              </p>
              <div className="mt-4">
                <StaffTranscript conversation={selected} />
              </div>
              <StaffReplyForm
                conversationId={selected.id}
                closed={selected.status === 'closed'}
                hasEmail={!!selected.contactEmail}
              />
            </Card>
          ) : (
            <p className="rounded-xl border border-dashed border-slate-300 p-6 text-center text-slate-700">
              {selectedId ? t('notFound') : t('pick')}
            </p>
          )}
        </section>
      </div>
    </div>
  );
}
