'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import useSWR from 'swr';
import { CheckCircle2, XCircle } from 'lucide-react';
import { readProblem } from '@/components/api-problem';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog } from '@/components/ui/dialog';
import { Field, Textarea } from '@/components/ui/input';
import { cn } from '@/components/ui/cn';
import { formatMoney } from '@/features/pricing';
import { useLiveSignal } from '@/features/live/components';
import type { CustomerQuote, CustomerQuotes } from '../schemas';

/** SWR key of a repair's revised quotes for the customer (revalidate it on a live update). */
export const customerQuotesKey = (reference: string, token?: string) =>
  ['customer-quotes', reference.toUpperCase(), token ?? null] as const;

type Decision = 'approve' | 'decline';

/**
 * Events that change what this card shows: a quote sent, decided or withdrawn (the buttons, the
 * outcome), and any status change (the outcome is shown only until the repair moves on).
 */
const LIVE_TYPES = ['quote_sent', 'quote_approved', 'quote_declined', 'quote_withdrawn', 'status_changed'];

/** Hono's typed client, fetched with the first request (not in the tracking page's first load). */
const client = () => import('./api-client').then((m) => m.quotesClient);

async function fetchQuotes(reference: string, token?: string): Promise<CustomerQuotes | null> {
  const api = await client();
  const res = token
    ? await api.track[':reference'].quotes.$get({ param: { reference }, query: { token } })
    : await api.account.repairs[':reference'].quotes.$get({ param: { reference } });
  // 404: not this customer's repair (or a wrong link): nothing to show
  if (res.status === 404) return null;
  if (!res.ok) throw new Error((await readProblem(res)).detail);
  return (await res.json()) as CustomerQuotes;
}

async function sendDecision(
  reference: string,
  quoteId: string,
  decision: Decision,
  token: string | undefined,
  note: string | undefined,
  acceptTotalMinor?: number,
) {
  const param = { reference, quoteId };
  const api = await client();
  if (token) {
    const route = api.track[':reference'].quotes[':quoteId'];
    const json = { token, note, acceptTotalMinor };
    return decision === 'approve'
      ? route.approve.$post({ param, json })
      : route.decline.$post({ param, json });
  }
  const route = api.account.repairs[':reference'].quotes[':quoteId'];
  const json = { note, acceptTotalMinor };
  return decision === 'approve' ? route.approve.$post({ param, json }) : route.decline.$post({ param, json });
}

/**
 * A revised quote for the customer to approve or decline: the shop's message, the lines, the new
 * total against the agreed one. Used on the portal (signed in, no token) and on the public
 * tracking page (with the tracking link's token). Shows the outcome once decided; renders
 * nothing when the repair has no revised quote (or the caller may not see it).
 */
export function RevisedQuoteDecision({ reference, token }: { reference: string; token?: string }) {
  const router = useRouter();
  const { data, mutate } = useSWR(customerQuotesKey(reference, token), () => fetchQuotes(reference, token));
  const [justDecided, setJustDecided] = useState<Decision | null>(null);
  // the page's live stream (LiveRefresh) re-renders the server parts; this card keeps its own data
  useLiveSignal(LIVE_TYPES, () => void mutate());

  if (!data || data.quotes.length === 0) return null;
  const pending = data.quotes.find((q) => q.canDecide);
  if (pending) {
    return (
      <PendingQuote
        quote={pending}
        reference={data.reference}
        token={token}
        onDecided={async (decision, next) => {
          setJustDecided(decision);
          await mutate(next, false);
          // the page around us (status, timeline) is rendered on the server: fetch it again
          router.refresh();
        }}
        onStale={async () => {
          await mutate();
          router.refresh();
        }}
      />
    );
  }
  const latest = data.quotes[0]!;
  // a decision the repair has moved on from is history (the timeline keeps it), not news
  if (!data.decisionCurrent || (latest.status !== 'approved' && latest.status !== 'declined')) return null;
  return (
    <DecidedQuote quote={latest} agreedTotalMinor={data.agreedTotalMinor} announce={justDecided !== null} />
  );
}

function Money({ minor, currency, className }: { minor: number; currency: string; className?: string }) {
  return (
    <span className={cn('whitespace-nowrap tabular-nums', className)}>{formatMoney(minor, currency)}</span>
  );
}

function PendingQuote({
  quote,
  reference,
  token,
  onDecided,
  onStale,
}: {
  quote: CustomerQuote;
  reference: string;
  token?: string;
  onDecided: (decision: Decision, next: CustomerQuotes) => Promise<void>;
  onStale: () => Promise<void>;
}) {
  const t = useTranslations('quotes');
  const format = useFormatter();
  const id = useId();
  const [busy, setBusy] = useState<Decision | null>(null);
  const [confirmDecline, setConfirmDecline] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  // the quote expired: the fresh total the shop's API offered, to approve instead
  const [freshTotal, setFreshTotal] = useState<number | null>(null);
  const money = (minor: number) => formatMoney(minor, quote.currency);
  const change =
    quote.differenceMinor > 0 ? `+${money(quote.differenceMinor)}` : money(quote.differenceMinor);

  async function decide(decision: Decision) {
    setBusy(decision);
    setError(null);
    try {
      const res = await sendDecision(
        reference,
        quote.id,
        decision,
        token,
        note.trim() || undefined,
        decision === 'approve' ? (freshTotal ?? undefined) : undefined,
      );
      if (res.ok) {
        setConfirmDecline(false);
        await onDecided(decision, (await res.json()) as CustomerQuotes);
        return;
      }
      const problem = await readProblem(res);
      if (problem.code === 'QUOTE_EXPIRED' && typeof problem.quote?.totalMinor === 'number') {
        setFreshTotal(problem.quote.totalMinor);
      } else if (res.status === 409 || res.status === 404) {
        setConfirmDecline(false);
        setError(t('alreadyDecided'));
        await onStale();
      } else {
        setError(problem.detail || t('decisionFailed'));
      }
    } catch {
      setError(t('decisionFailed'));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Card
      role="region"
      aria-labelledby={`${id}-title`}
      className="border-amber-300 bg-amber-50/40"
      data-testid="revised-quote"
    >
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t('customerTitle')}
      </h2>
      <p className="mt-1 text-slate-700">{t('customerLead')}</p>

      <figure className="mt-4 rounded-xl border border-slate-200 bg-white p-4">
        <figcaption className="text-sm font-medium text-slate-600">{t('shopMessage')}</figcaption>
        <blockquote className="mt-1 whitespace-pre-line text-slate-900" data-testid="revised-quote-message">
          {quote.message}
        </blockquote>
        <p className="mt-2 text-xs text-slate-600">
          {t('decidedOn', {
            version: quote.version,
            when: format.dateTime(new Date(quote.sentAt), { dateStyle: 'medium', timeStyle: 'short' }),
          })}
        </p>
      </figure>

      <h3 className="mt-4 font-semibold">{t('yourQuote')}</h3>
      <ul className="mt-2 divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
        {quote.lines.map((l, i) => (
          <li key={i} className="flex items-start justify-between gap-4 px-4 py-2">
            <span className="min-w-0 break-words">
              {l.description}
              {l.quantity > 1 ? (
                <span className="block text-sm text-slate-600">
                  {l.quantity} × {money(l.unitMinor)}
                </span>
              ) : null}
            </span>
            <Money minor={l.totalMinor} currency={quote.currency} />
          </li>
        ))}
        {quote.surchargeMinor !== 0 ? (
          <li className="flex items-start justify-between gap-4 px-4 py-2">
            <span>{t('surcharge')}</span>
            <Money minor={quote.surchargeMinor} currency={quote.currency} />
          </li>
        ) : null}
      </ul>

      <dl className="mt-4 space-y-1">
        <div className="flex justify-between gap-4 text-slate-700">
          <dt>{t('previousTotal')}</dt>
          <dd>
            <Money minor={quote.previousTotalMinor} currency={quote.currency} />
          </dd>
        </div>
        <div className="flex justify-between gap-4 text-xl font-semibold">
          <dt>{t('newTotal')}</dt>
          <dd data-testid="revised-quote-total">
            <Money minor={quote.totalMinor} currency={quote.currency} />
          </dd>
        </div>
        <div className="flex justify-between gap-4 font-medium">
          <dt>{t('change')}</dt>
          <dd
            className={cn(
              'whitespace-nowrap tabular-nums',
              quote.differenceMinor > 0 ? 'text-amber-900' : 'text-emerald-800',
            )}
            data-testid="revised-quote-difference"
          >
            {change}
          </dd>
        </div>
        <div className="flex justify-between gap-4 text-sm text-slate-600">
          <dt>{t('vatIncluded', { rate: quote.vatRateBp / 100 })}</dt>
          <dd>
            <Money minor={quote.vatMinor} currency={quote.currency} />
          </dd>
        </div>
      </dl>

      {quote.expired || freshTotal !== null ? (
        <p
          role="alert"
          className="mt-4 rounded-xl border border-amber-300 bg-amber-50 p-3 text-amber-950"
          data-testid="quote-expired"
        >
          {freshTotal !== null
            ? t('expiredFresh', {
                date: format.dateTime(new Date(quote.expiresAt), { dateStyle: 'medium' }),
                price: money(freshTotal),
              })
            : t('expiredNotice', {
                date: format.dateTime(new Date(quote.expiresAt), { dateStyle: 'medium' }),
              })}
        </p>
      ) : null}

      {error ? (
        <p role="alert" className="mt-4 font-medium text-red-800">
          {error}
        </p>
      ) : null}

      <div className="mt-5 flex flex-col gap-3 sm:flex-row">
        <Button
          onClick={() => void decide('approve')}
          loading={busy === 'approve'}
          disabled={busy !== null}
          data-testid="quote-approve"
        >
          <CheckCircle2 className="size-5" aria-hidden />
          {freshTotal !== null ? t('approveFresh', { price: money(freshTotal) }) : t('approve')}
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setError(null);
            setConfirmDecline(true);
          }}
          disabled={busy !== null}
          data-testid="quote-decline"
        >
          {t('decline')}
        </Button>
      </div>

      <Dialog
        open={confirmDecline}
        onOpenChange={(open) => {
          if (busy === null) setConfirmDecline(open);
        }}
        title={t('declineTitle')}
        description={t('declineText')}
        closeLabel={t('close')}
      >
        <Field id={`${id}-note`} label={t('noteLabel')} hint={t('noteHint')}>
          <Textarea
            id={`${id}-note`}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            aria-describedby={`${id}-note-hint`}
            data-testid="quote-decline-note"
          />
        </Field>
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setConfirmDecline(false)} disabled={busy !== null}>
            {t('declineBack')}
          </Button>
          <Button
            variant="danger"
            onClick={() => void decide('decline')}
            loading={busy === 'decline'}
            data-testid="quote-decline-confirm"
          >
            {t('declineConfirm')}
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}

function DecidedQuote({
  quote,
  agreedTotalMinor,
  announce,
}: {
  quote: CustomerQuote;
  agreedTotalMinor: number;
  announce: boolean;
}) {
  const t = useTranslations('quotes');
  const format = useFormatter();
  const approved = quote.status === 'approved';
  const Icon = approved ? CheckCircle2 : XCircle;
  const total = formatMoney(agreedTotalMinor, quote.currency);
  return (
    <Card
      role={announce ? 'status' : undefined}
      className={approved ? 'border-emerald-300' : 'border-slate-300'}
      data-testid="revised-quote-outcome"
      data-decision={quote.status}
    >
      <div className="flex gap-3">
        <Icon
          className={cn('mt-0.5 size-6 shrink-0', approved ? 'text-emerald-700' : 'text-slate-600')}
          aria-hidden
        />
        <div>
          <h2 className="text-lg font-semibold">{approved ? t('approvedTitle') : t('declinedTitle')}</h2>
          <p className="mt-1 text-slate-700">
            {approved ? t('approvedText', { total }) : t('declinedText', { total })}
          </p>
          {quote.decidedAt ? (
            <p className="mt-1 text-sm text-slate-600">
              {t('decidedOn', {
                version: quote.version,
                when: format.dateTime(new Date(quote.decidedAt), { dateStyle: 'medium', timeStyle: 'short' }),
              })}
            </p>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
