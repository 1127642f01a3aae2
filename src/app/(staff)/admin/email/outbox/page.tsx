import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { getDb } from '@/server/db/runtime';
import { MessageListQuerySchema } from '@/features/email/schemas';
import { listMessages } from '@/features/email/server/list-messages';
import { OutboxView } from '@/features/email/components/outbox-view';

export const dynamic = 'force-dynamic';

export async function generateMetadata() {
  const t = await getTranslations('email.outbox');
  return { title: t('title'), robots: { index: false } };
}

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePageRole('admin', '/admin/email/outbox');
  const t = await getTranslations('email.outbox');
  const raw = await searchParams;
  const parsed = MessageListQuerySchema.safeParse({
    status: typeof raw.status === 'string' && raw.status ? raw.status : undefined,
    q: typeof raw.q === 'string' && raw.q ? raw.q : undefined,
    page: typeof raw.page === 'string' ? raw.page : undefined,
  });
  const query = parsed.success ? parsed.data : { page: 1 };
  const list = await listMessages(await getDb(), query);
  return (
    <div className="mx-auto max-w-6xl space-y-6 px-4 py-10">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold text-slate-900">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        <Link href="/admin/email-setup" className="text-sm font-medium text-brand underline">
          {t('setupLink')}
        </Link>
      </div>
      <OutboxView
        list={list}
        status={'status' in query ? query.status : undefined}
        q={'q' in query ? query.q : undefined}
      />
    </div>
  );
}
