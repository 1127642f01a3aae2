/**
 * The accounting export's documents, read from the stored invoices (each a receipt of one
 * payment, its snapshot frozen at capture) and the succeeded refunds, in the scope's range and
 * shops, page by page (never the whole range at once):
 * - an invoice whose payment settled the whole order (the usual case) is exported with the
 *   snapshot's lines, and its net, VAT and gross are the snapshot's own (the lines' VAT,
 *   split per line, is corrected on the largest line to add up to the snapshot's VAT);
 * - a part payment (a deposit, a balance) is exported as one line "Payment towards <reference>"
 *   for the amount paid, its VAT split at the snapshot's rate: so the invoices of an order add up
 *   to what was paid, never to the order twice;
 * - a refund is a credit note `<invoice number>-CN<n>` (n: the payment's n-th refund), one line,
 *   VAT split at the refunded invoice's rate.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/server/db/client';
import type { InvoiceSnapshot } from '@/server/db/schema';
import { splitVatInclusive } from '@/features/pricing';
import type { AnalyticsScope } from '../scope';

export interface AccountingLine {
  description: string;
  quantity: number;
  /** VAT inclusive, minor units */
  unitMinor: number;
  /** VAT inclusive, minor units */
  grossMinor: number;
  vatMinor: number;
}

export interface AccountingDocument {
  kind: 'invoice' | 'creditNote';
  number: string;
  /** the invoice a credit note refunds */
  invoiceNumber: string;
  issuedAt: Date;
  reference: string;
  shopSlug: string | null;
  customerName: string;
  customerEmail: string | null;
  currency: string;
  vatRateBp: number;
  lines: AccountingLine[];
  netMinor: number;
  vatMinor: number;
  grossMinor: number;
}

const PAGE = 500;

function shopFilter(scope: AnalyticsScope) {
  return scope.shopSlugs
    ? sql`o.shop_slug IN (${sql.join(
        scope.shopSlugs.map((s) => sql`${s}`),
        sql`, `,
      )})`
    : sql`TRUE`;
}

/** The snapshot's lines with their VAT, adding up exactly to the snapshot's VAT. */
export function linesWithVat(s: InvoiceSnapshot): AccountingLine[] {
  const lines = s.lines.map((l) => {
    const exact = l.quantity * l.unitMinor === l.totalMinor;
    return {
      description: exact ? l.description : `${l.description} (${l.quantity} x)`,
      quantity: exact ? l.quantity : 1,
      unitMinor: exact ? l.unitMinor : l.totalMinor,
      grossMinor: l.totalMinor,
      vatMinor: splitVatInclusive(l.totalMinor, s.vatRateBp).vatMinor,
    };
  });
  const drift = s.vatMinor - lines.reduce((sum, l) => sum + l.vatMinor, 0);
  if (drift !== 0 && lines.length) {
    const largest = lines.reduce((a, b) => (Math.abs(b.grossMinor) > Math.abs(a.grossMinor) ? b : a));
    largest.vatMinor += drift;
  }
  return lines;
}

interface InvoiceRow extends Record<string, unknown> {
  id: string;
  number: string;
  issued_at: Date | string;
  currency: string;
  snapshot: InvoiceSnapshot;
  shop_slug: string | null;
}

function invoiceDocument(r: InvoiceRow): AccountingDocument {
  const s = r.snapshot;
  const whole = s.previouslyPaidMinor === 0 && s.paidMinor === s.totalMinor;
  const base = {
    kind: 'invoice' as const,
    number: r.number,
    invoiceNumber: r.number,
    issuedAt: new Date(r.issued_at),
    reference: s.reference,
    shopSlug: r.shop_slug,
    customerName: s.customer.name,
    customerEmail: s.customer.email,
    currency: r.currency,
    vatRateBp: s.vatRateBp,
  };
  if (whole) {
    return {
      ...base,
      lines: linesWithVat(s),
      netMinor: s.netMinor,
      vatMinor: s.vatMinor,
      grossMinor: s.totalMinor,
    };
  }
  const { netMinor, vatMinor } = splitVatInclusive(s.paidMinor, s.vatRateBp);
  return {
    ...base,
    lines: [
      {
        description: `Payment towards repair ${s.reference}: ${s.device}`,
        quantity: 1,
        unitMinor: s.paidMinor,
        grossMinor: s.paidMinor,
        vatMinor,
      },
    ],
    netMinor,
    vatMinor,
    grossMinor: s.paidMinor,
  };
}

interface RefundRow extends Record<string, unknown> {
  id: string;
  amount_minor: number;
  created_at: Date | string;
  n: number | string;
  number: string;
  currency: string;
  snapshot: InvoiceSnapshot;
  shop_slug: string | null;
}

function creditNoteDocument(r: RefundRow): AccountingDocument {
  const s = r.snapshot;
  const amount = Number(r.amount_minor);
  const { netMinor, vatMinor } = splitVatInclusive(amount, s.vatRateBp);
  return {
    kind: 'creditNote',
    number: `${r.number}-CN${Number(r.n)}`,
    invoiceNumber: r.number,
    issuedAt: new Date(r.created_at),
    reference: s.reference,
    shopSlug: r.shop_slug,
    customerName: s.customer.name,
    customerEmail: s.customer.email,
    currency: r.currency,
    vatRateBp: s.vatRateBp,
    lines: [
      {
        description: `Refund against invoice ${r.number} (repair ${s.reference})`,
        quantity: 1,
        unitMinor: amount,
        grossMinor: amount,
        vatMinor,
      },
    ],
    netMinor,
    vatMinor,
    grossMinor: amount,
  };
}

/** Invoices issued in the range, then credit notes for refunds made in it, in date order. */
export async function* accountingDocuments(
  db: Db,
  scope: AnalyticsScope,
  kinds: ReadonlyArray<AccountingDocument['kind']> = ['invoice', 'creditNote'],
): AsyncGenerator<AccountingDocument> {
  const shops = shopFilter(scope);
  if (kinds.includes('invoice')) {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const cursor = after
        ? sql`AND (i.issued_at, i.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
        : sql``;
      const { rows } = (await db.execute(sql`
        SELECT i.id, i.number, i.issued_at, i.currency, i.snapshot, o.shop_slug
        FROM invoices i JOIN repair_orders o ON o.id = i.order_id
        WHERE i.issued_at >= ${scope.from.toISOString()}::timestamptz
          AND i.issued_at < ${scope.to.toISOString()}::timestamptz AND ${shops} ${cursor}
        ORDER BY i.issued_at, i.id LIMIT ${PAGE}`)) as unknown as { rows: InvoiceRow[] };
      for (const r of rows) yield invoiceDocument(r);
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1]!;
      after = { at: new Date(last.issued_at).toISOString(), id: last.id };
    }
  }
  if (kinds.includes('creditNote')) {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const cursor = after
        ? sql`AND (r.created_at, r.id) > (${after.at}::timestamptz, ${after.id}::uuid)`
        : sql``;
      const { rows } = (await db.execute(sql`
        SELECT r.id, r.amount_minor, r.created_at, r.n, i.number, i.currency, i.snapshot, o.shop_slug
        FROM (
          SELECT pr.*, row_number() OVER (PARTITION BY pr.payment_id ORDER BY pr.created_at, pr.id) AS n
          FROM payment_refunds pr WHERE pr.status = 'succeeded'
        ) r
        JOIN invoices i ON i.payment_id = r.payment_id
        JOIN repair_orders o ON o.id = i.order_id
        WHERE r.created_at >= ${scope.from.toISOString()}::timestamptz
          AND r.created_at < ${scope.to.toISOString()}::timestamptz AND ${shops} ${cursor}
        ORDER BY r.created_at, r.id LIMIT ${PAGE}`)) as unknown as { rows: RefundRow[] };
      for (const r of rows) yield creditNoteDocument(r);
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1]!;
      after = { at: new Date(last.created_at).toISOString(), id: last.id };
    }
  }
}
