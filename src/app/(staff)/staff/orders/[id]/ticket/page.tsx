import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ArrowLeft } from 'lucide-react';
import { getDb } from '@/server/db/runtime';
import { getBranding } from '@/server/branding';
import { requirePageRole } from '@/features/auth/server/page-guard';
import { publicBaseUrl } from '@/server/http/base-url';
import { findOrder } from '@/features/repairs/server/lock-order';
import { getJobTicket } from '@/features/console/server/get-job-ticket';
import { consoleOrderUrl, ticketQrSvg } from '@/features/console/ticket-qr';
import { JobTicketView, type TicketSize } from '@/features/console/components/job-ticket';
import { PrintButton } from '@/features/console/components/print-button';
import { cn } from '@/components/ui/cn';

export const dynamic = 'force-dynamic';

type Params = Promise<{ id: string }>;
type Search = Promise<{ size?: string | string[] }>;

export async function generateMetadata({ params }: { params: Params }) {
  const t = await getTranslations('ticket');
  return {
    title: t('title', { reference: decodeURIComponent((await params).id) }),
    robots: { index: false },
  };
}

/** The page's own paper: the sheet prints alone, without the site's header, footer or toolbar. */
function printCss(size: TicketSize): string {
  // a receipt printer's paper is 80 mm wide with ~72 mm printable; its driver cuts after the content
  const page =
    size === 'receipt' ? '@page { size: 80mm 297mm; margin: 3mm 4mm; }' : '@page { size: A4; margin: 12mm; }';
  return `${page}
@media print {
  html, body { background: #fff !important; }
  body > header, body > footer, body > a[href="#main"], [data-print-hide] { display: none !important; }
  body * { visibility: hidden; }
  /* black ink only: thermal printers dither grey into dots */
  [data-ticket], [data-ticket] * { visibility: visible; color: #000 !important; border-color: #000 !important; }
  [data-ticket] {
    position: absolute; left: 0; top: 0; width: 100% !important; max-width: none !important;
    padding: 0 !important; margin: 0 !important; box-shadow: none !important;
  }
  main { padding: 0 !important; }
}`;
}

export default async function JobTicketPage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Search;
}) {
  const { id } = await params;
  const { size: sizeParam } = await searchParams;
  const size: TicketSize = sizeParam === 'receipt' ? 'receipt' : 'a4';
  await requirePageRole(
    'technician',
    `/staff/orders/${id}/ticket${size === 'receipt' ? '?size=receipt' : ''}`,
  );

  const db = await getDb();
  const loaded = (await findOrder(db, decodeURIComponent(id))) ?? notFound();
  const [ticket, base, t] = await Promise.all([
    getJobTicket(db, loaded),
    publicBaseUrl(),
    getTranslations('ticket'),
  ]);
  const qrSvg = await ticketQrSvg(consoleOrderUrl(base, ticket.reference));
  const sizes: Array<[TicketSize, string]> = [
    ['a4', t('sizeA4')],
    ['receipt', t('sizeReceipt')],
  ];

  return (
    <div className="bg-slate-100 px-4 py-6 print:bg-white print:p-0">
      <style>{printCss(size)}</style>
      <div
        data-print-hide
        className="mx-auto mb-6 flex max-w-[210mm] flex-wrap items-center justify-between gap-3 print:hidden"
      >
        <Link
          href={`/staff/orders/${ticket.reference}`}
          className="inline-flex items-center gap-2 font-medium text-brand underline underline-offset-4"
        >
          <ArrowLeft className="size-4" aria-hidden />
          {t('back')}
        </Link>
        <div className="flex flex-wrap items-center gap-3">
          <nav aria-label={t('sizeLabel')} className="flex rounded-lg border border-slate-300 bg-white p-1">
            {sizes.map(([value, label]) => (
              <Link
                key={value}
                href={`/staff/orders/${ticket.reference}/ticket${value === 'receipt' ? '?size=receipt' : ''}`}
                aria-current={size === value ? 'page' : undefined}
                className={cn(
                  'rounded-md px-3 py-1.5 text-sm font-medium',
                  size === value ? 'bg-brand text-brand-fg' : 'text-slate-700 hover:bg-slate-100',
                )}
                data-testid={`ticket-size-${value}`}
              >
                {label}
              </Link>
            ))}
          </nav>
          <PrintButton label={t('print')} />
        </div>
      </div>
      <JobTicketView
        ticket={ticket}
        size={size}
        qrSvg={qrSvg}
        shopName={getBranding().shopName}
        printedAt={new Date()}
      />
    </div>
  );
}
