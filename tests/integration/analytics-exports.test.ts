/**
 * The exports through the real API on a fixed set of invoices and refunds in two shops:
 * - the CSV, XLSX and PDF of the dashboard's view carry the same cards and table cells as the
 *   metrics compute for the same query (generic over the result shape: it keeps holding when the
 *   real metrics land);
 * - the accounting CSVs have exactly the importers' columns in order, and their totals and VAT
 *   split are the invoices' snapshots (hand-checked below); refunds are credit notes;
 * - access: signed out 401, a technician 403 from every export, a manager only their own shop;
 * - bad input is a 422 with field messages, never a 500.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  analyticsDashboards,
  bookings,
  invoices,
  paymentRefunds,
  payments,
  repairOrders,
  user,
  type InvoiceSnapshot,
  type QuoteSnapshot,
} from '@/server/db/schema';
import type { SessionUser } from '@/server/http/app';
import { METRICS } from '@/features/analytics/server/registry';
import { resolveAnalyticsScope } from '@/features/analytics/server/access';
import { tAnalytics } from '@/features/analytics/server/exports/labels';
import type { MetricId, MetricResult } from '@/features/analytics/metrics';
import { valueLabelKeys } from '@/features/analytics/value-labels';
import messages from '../../messages/en-GB.json';
import { BACKENDS, startApp, type TestApp } from './harness';
import { createUser, type TestUser } from './fixtures';
import { csvBlocks, parseCsv } from '../csv-parse';
import { readPdf } from '../pdf-text';

// the importers' documented columns, in their order (docs/accounting-export.md)
const XERO = [
  '*ContactName',
  'EmailAddress',
  'POAddressLine1',
  'POAddressLine2',
  'POAddressLine3',
  'POAddressLine4',
  'POCity',
  'PORegion',
  'POPostalCode',
  'POCountry',
  '*InvoiceNumber',
  'Reference',
  '*InvoiceDate',
  '*DueDate',
  'Total',
  'InventoryItemCode',
  '*Description',
  '*Quantity',
  '*UnitAmount',
  'Discount',
  '*AccountCode',
  '*TaxType',
  'TaxAmount',
  'TrackingName1',
  'TrackingOption1',
  'TrackingName2',
  'TrackingOption2',
  'Currency',
  'BrandingTheme',
];
const QB_INVOICES = [
  'InvoiceNo',
  'Customer',
  'InvoiceDate',
  'DueDate',
  'Terms',
  'Location',
  'Memo',
  'Item(Product/Service)',
  'ItemDescription',
  'ItemQuantity',
  'ItemRate',
  'ItemAmount',
  'ItemTaxCode',
  'ItemTaxAmount',
  'Currency',
  'Service Date',
];
const QB_CREDIT_NOTES = [
  'CreditNoteNo',
  'Customer',
  'CreditNoteDate',
  'Location',
  'Memo',
  'Item(Product/Service)',
  'ItemDescription',
  'ItemQuantity',
  'ItemRate',
  'ItemAmount',
  'ItemTaxCode',
  'ItemTaxAmount',
  'Currency',
];

interface Sale {
  shop: string;
  number: string;
  customer: string;
  issuedAt: string;
  lines: InvoiceSnapshot['lines'];
  totalMinor: number;
  netMinor: number;
  vatMinor: number;
  paidMinor: number;
  refunds?: Array<{ amountMinor: number; at: string; status: 'succeeded' | 'failed' }>;
}

// hand-checked at 20% VAT (prices are VAT inclusive: net = gross / 1.2, rounded half away from 0)
const SALES: Sale[] = [
  {
    shop: 'london',
    number: 'LONDON-000001',
    customer: 'Alice Example',
    issuedAt: '2026-01-10T10:00:00Z',
    lines: [
      { description: 'Screen replacement', quantity: 1, unitMinor: 15000, totalMinor: 15000 },
      { description: 'Screen protector', quantity: 2, unitMinor: 1950, totalMinor: 3900 },
    ],
    totalMinor: 18900,
    netMinor: 15750,
    vatMinor: 3150,
    paidMinor: 18900,
    refunds: [
      { amountMinor: 5000, at: '2026-01-20T12:00:00Z', status: 'succeeded' },
      { amountMinor: 1000, at: '2026-01-21T12:00:00Z', status: 'failed' },
    ],
  },
  // a deposit: only what was paid is invoiced (4000: net 3333, VAT 667)
  {
    shop: 'london',
    number: 'LONDON-000002',
    customer: 'Bob Deposit',
    issuedAt: '2026-01-12T23:30:00Z', // 12 Jan in London (GMT)
    lines: [{ description: 'Logic board repair', quantity: 1, unitMinor: 10000, totalMinor: 10000 }],
    totalMinor: 10000,
    netMinor: 8333,
    vatMinor: 1667,
    paidMinor: 4000,
  },
  {
    shop: 'manchester',
    number: 'MANCHESTER-000001',
    customer: "=cmd|' /C calc'!A0",
    issuedAt: '2026-01-15T09:00:00Z',
    lines: [{ description: 'Battery', quantity: 1, unitMinor: 7999, totalMinor: 7999 }],
    totalMinor: 7999,
    netMinor: 6666,
    vatMinor: 1333,
    paidMinor: 7999,
  },
  // outside the range
  {
    shop: 'london',
    number: 'LONDON-000003',
    customer: 'Later Customer',
    issuedAt: '2026-02-05T09:00:00Z',
    lines: [{ description: 'Battery', quantity: 1, unitMinor: 6000, totalMinor: 6000 }],
    totalMinor: 6000,
    netMinor: 5000,
    vatMinor: 1000,
    paidMinor: 6000,
  },
];

async function writeSales(app: TestApp): Promise<void> {
  const db = app.handle.db;
  for (const s of SALES) {
    const reference = `RT-${randomBytes(3).toString('hex').toUpperCase()}`;
    const issued = new Date(s.issuedAt);
    const [booking] = await db
      .insert(bookings)
      .values({
        reference,
        trackingTokenHash: randomBytes(16).toString('hex'),
        serviceType: 'drop_off',
        shopSlug: s.shop,
        modelSlug: 'iphone-15',
        customerName: s.customer,
        customerEmail: `${reference.toLowerCase()}@example.com`,
        urgency: 'standard',
        paymentMethod: 'collection',
        quote: {} as QuoteSnapshot,
        totalMinor: s.totalMinor,
        currency: 'GBP',
        createdAt: issued,
      })
      .returning({ id: bookings.id });
    const [order] = await db
      .insert(repairOrders)
      .values({ reference, bookingId: booking!.id, shopSlug: s.shop, status: 'collected', createdAt: issued })
      .returning({ id: repairOrders.id });
    const refunded = (s.refunds ?? [])
      .filter((r) => r.status === 'succeeded')
      .reduce((a, r) => a + r.amountMinor, 0);
    const [payment] = await db
      .insert(payments)
      .values({
        orderId: order!.id,
        provider: 'collection',
        status: refunded ? 'partially_refunded' : 'succeeded',
        amountMinor: s.paidMinor,
        refundedMinor: refunded,
        currency: 'GBP',
        succeededAt: issued,
        createdAt: issued,
      })
      .returning({ id: payments.id });
    const snapshot: InvoiceSnapshot = {
      shop: { name: s.shop, address: [], phone: null, email: null, vatNumber: 'GB123456789' },
      customer: { name: s.customer, email: `${reference.toLowerCase()}@example.com` },
      reference,
      device: 'Apple iPhone 15',
      lines: s.lines,
      totalMinor: s.totalMinor,
      vatRateBp: 2000,
      netMinor: s.netMinor,
      vatMinor: s.vatMinor,
      paidMinor: s.paidMinor,
      previouslyPaidMinor: 0,
      balanceMinor: s.totalMinor - s.paidMinor,
      method: 'Paid in shop',
    };
    await db.insert(invoices).values({
      number: s.number,
      series: s.number.split('-')[0]!,
      sequence: Number(s.number.split('-')[1]),
      paymentId: payment!.id,
      orderId: order!.id,
      currency: 'GBP',
      snapshot,
      issuedAt: issued,
    });
    for (const r of s.refunds ?? []) {
      await db.insert(paymentRefunds).values({
        paymentId: payment!.id,
        amountMinor: r.amountMinor,
        reason: 'Customer changed their mind',
        status: r.status,
        createdAt: new Date(r.at),
      });
    }
  }
}

const RANGE = 'from=2026-01-01&to=2026-01-31';

describe.each(BACKENDS)('analytics exports on $name', (backend) => {
  let app: TestApp;
  let admin: TestUser;
  let manager: TestUser;
  let technician: TestUser;

  beforeAll(async () => {
    app = await startApp(backend);
    admin = await createUser(app, 'admin');
    manager = await createUser(app, 'manager', { shopSlug: 'london' });
    technician = await createUser(app, 'technician', { shopSlug: 'london' });
    await writeSales(app);
  }, 300_000);
  afterAll(() => app.close());

  const get = (path: string, who?: TestUser) =>
    app.request(path, { headers: who ? { cookie: who.cookie } : {} });
  const csvOf = async (path: string, who: TestUser) => {
    const res = await get(path, who);
    expect(res.status, await res.clone().text()).toBe(200);
    return parseCsv(await res.text());
  };

  async function sessionUser(u: TestUser): Promise<SessionUser> {
    const [row] = await app.handle.db.select().from(user).where(eq(user.id, u.id));
    return { ...(row as unknown as SessionUser), mustSetUpTwoFactor: false };
  }

  /** What the metrics answer for the same query (the JSON of GET /api/analytics/metrics/{id}). */
  async function metricsFor(
    u: TestUser,
    query: Record<string, string>,
    ids: MetricId[],
  ): Promise<MetricResult[]> {
    const scope = await resolveAnalyticsScope(app.handle.db, await sessionUser(u), query);
    return Promise.all(ids.map((id) => METRICS[id](app.handle.db, scope)));
  }

  describe('the dashboard view', () => {
    const ids: MetricId[] = ['revenueSummary', 'revenueByShop', 'turnaround'];
    const query = { from: '2026-01-01', to: '2026-01-31', shop: 'all' };
    const qs = `${RANGE}&shop=all&metrics=${ids.join(',')}`;

    it('CSV: a block per metric whose cards and table cells are the metrics’ own', async () => {
      const res = await get(`/api/analytics/export.csv?${qs}`, admin);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/csv');
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="revivatech-analytics-all-2026-01-01-to-2026-01-31.csv"',
      );
      // streamed: no length known up front
      expect(res.headers.get('content-length')).toBeNull();
      const blocks = csvBlocks(parseCsv(await res.text()));
      const expected = await metricsFor(admin, query, ids);
      expect(blocks).toHaveLength(1 + 2 * ids.length);
      // revenueSummary's table names its figures by card key: written in the dashboard's words
      expect(blocks[2]!.map((row) => row[0])).toContain(messages.analytics.metrics.revenueSummary.cards.net);
      expect(blocks[2]!.map((row) => row[0])).not.toContain('net');
      expected.forEach((m, i) => {
        const cards = blocks[1 + 2 * i]!;
        const table = blocks[2 + 2 * i]!;
        expect(cards.slice(2, 2 + m.cards.length).map((r) => r.slice(1))).toEqual(
          m.cards.map((c) => [c.value, c.previous, c.change].map((v) => numberText(v, c.unit))),
        );
        if (m.table.columns.length) {
          expect(table).toHaveLength(1 + m.table.rows.length);
          expect(table.slice(1)).toEqual(
            m.table.rows.map((row) =>
              m.table.columns.map((col) =>
                cellText(shown(m.metric, col.key, row[col.key] ?? null), col.unit),
              ),
            ),
          );
        }
      });
    });

    it('XLSX: a sheet per metric with the same cards and table cells', async () => {
      const res = await get(`/api/analytics/export.xlsx?${qs}`, admin);
      expect(res.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
      const expected = await metricsFor(admin, query, ids);
      expect(book.worksheets).toHaveLength(1 + ids.length);
      expected.forEach((m, i) => {
        const ws = book.worksheets[1 + i]!;
        // exceljs leaves trailing empty cells out of a row's values: read a fixed number of cells
        const values = (n: number, length = ws.columnCount) => {
          const row = (ws.getRow(n).values as unknown[]).slice(1);
          return Array.from({ length }, (_, j) => row[j]);
        };
        m.cards.forEach((c, k) => {
          const money = (v: number | null) => (v === null || c.unit !== 'money' ? v : v / 100);
          expect(values(3 + k, 3).slice(1, 3)).toEqual(
            [money(c.value), money(c.previous)].map((v) => v ?? undefined),
          );
        });
        const tableStart = 3 + m.cards.length + m.notes.length + 1;
        m.table.rows.forEach((row, k) => {
          expect(values(tableStart + 1 + k, m.table.columns.length)).toEqual(
            m.table.columns.map((col) => {
              const v = shown(m.metric, col.key, row[col.key] ?? null);
              return v === null ? undefined : col.unit === 'money' ? (v as number) / 100 : v;
            }),
          );
        });
      });
    });

    it('PDF: a title page with the range, and every metric', async () => {
      const res = await get(`/api/analytics/export.pdf?${qs}`, admin);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const pdf = await readPdf(new Uint8Array(await res.arrayBuffer()));
      expect(pdf.pages).toBeGreaterThanOrEqual(1 + ids.length);
      expect(pdf.text).toContain('RevivaTech analytics');
      expect(pdf.text).toContain('2026-01-01 to 2026-01-31');
      expect(pdf.text).toContain('All shops');
      const expected = await metricsFor(admin, query, ids);
      for (const m of expected) {
        for (const c of m.cards) {
          if (c.unit === 'money' && c.value !== null) {
            expect(pdf.text).toContain(
              `£${(c.value / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`,
            );
          }
        }
      }
    });

    it("without `metrics`, exports the caller's saved dashboard", async () => {
      await app.handle.db.insert(analyticsDashboards).values({
        userId: admin.id,
        widgets: [
          { id: 'a', metric: 'queue', view: 'table', size: 'wide' },
          { id: 'b', metric: 'funnel', view: 'chart', size: 'small' },
          { id: 'c', metric: 'queue', view: 'chart', size: 'small' },
        ],
      });
      const blocks = csvBlocks(
        parseCsv(await (await get(`/api/analytics/export.csv?${RANGE}`, admin)).text()),
      );
      expect(blocks).toHaveLength(1 + 2 * 2);
      expect(blocks[1]![0]).toEqual([tAnalytics('metrics.queue.title')]);
      expect(blocks[3]![0]).toEqual([tAnalytics('metrics.funnel.title')]);
    });
  });

  describe('the accounting export', () => {
    it("Xero: the template's columns in order, lines with their VAT, refunds as credit notes", async () => {
      const rows = await csvOf(`/api/analytics/accounting/xero.csv?${RANGE}`, admin);
      expect(rows[0]).toEqual(XERO);
      const col = (name: string) => XERO.indexOf(name);
      const body = rows.slice(1).map((r) => ({
        contact: r[col('*ContactName')],
        number: r[col('*InvoiceNumber')],
        date: r[col('*InvoiceDate')],
        due: r[col('*DueDate')],
        total: r[col('Total')],
        qty: r[col('*Quantity')],
        unit: r[col('*UnitAmount')],
        account: r[col('*AccountCode')],
        taxType: r[col('*TaxType')],
        tax: r[col('TaxAmount')],
        currency: r[col('Currency')],
      }));
      expect(body).toEqual([
        {
          contact: 'Alice Example',
          number: 'LONDON-000001',
          date: '10/01/2026',
          due: '10/01/2026',
          total: '189.00',
          qty: '1',
          unit: '150.00',
          account: '200',
          taxType: '20% (VAT on Income)',
          tax: '25.00',
          currency: 'GBP',
        },
        {
          contact: 'Alice Example',
          number: 'LONDON-000001',
          date: '10/01/2026',
          due: '10/01/2026',
          total: '189.00',
          qty: '2',
          unit: '19.50',
          account: '200',
          taxType: '20% (VAT on Income)',
          tax: '6.50',
          currency: 'GBP',
        },
        {
          contact: 'Bob Deposit',
          number: 'LONDON-000002',
          date: '12/01/2026',
          due: '12/01/2026',
          total: '40.00',
          qty: '1',
          unit: '40.00',
          account: '200',
          taxType: '20% (VAT on Income)',
          tax: '6.67',
          currency: 'GBP',
        },
        // a customer name that a spreadsheet would run is defused
        {
          contact: "'=cmd|' /C calc'!A0",
          number: 'MANCHESTER-000001',
          date: '15/01/2026',
          due: '15/01/2026',
          total: '79.99',
          qty: '1',
          unit: '79.99',
          account: '200',
          taxType: '20% (VAT on Income)',
          tax: '13.33',
          currency: 'GBP',
        },
        // the succeeded refund only, as a credit note (negative quantity), VAT 50.00 / 6 = 8.33
        {
          contact: 'Alice Example',
          number: 'LONDON-000001-CN1',
          date: '20/01/2026',
          due: '20/01/2026',
          total: '-50.00',
          qty: '-1',
          unit: '50.00',
          account: '200',
          taxType: '20% (VAT on Income)',
          tax: '-8.33',
          currency: 'GBP',
        },
      ]);
      // per invoice: the lines add up to the snapshot's gross, and their VAT to its VAT
      const first = body.filter((b) => b.number === 'LONDON-000001');
      const pence = (s: string | undefined) => Math.round(Number(s) * 100);
      expect(first.reduce((a, b) => a + pence(b.unit) * Number(b.qty), 0)).toBe(18900);
      expect(first.reduce((a, b) => a + pence(b.tax), 0)).toBe(3150);
    });

    it('QuickBooks: invoices in the invoice import columns, refunds in the credit note file', async () => {
      const rows = await csvOf(`/api/analytics/accounting/quickbooks.csv?${RANGE}`, admin);
      expect(rows[0]).toEqual(QB_INVOICES);
      const c = (name: string) => QB_INVOICES.indexOf(name);
      expect(
        rows
          .slice(1)
          .map((r) => [
            r[c('InvoiceNo')],
            r[c('InvoiceDate')],
            r[c('ItemQuantity')],
            r[c('ItemRate')],
            r[c('ItemAmount')],
            r[c('ItemTaxAmount')],
            r[c('Location')],
          ]),
      ).toEqual([
        ['LONDON-000001', '10/01/2026', '1', '150.00', '150.00', '25.00', 'london'],
        ['LONDON-000001', '10/01/2026', '2', '19.50', '39.00', '6.50', 'london'],
        ['LONDON-000002', '12/01/2026', '1', '40.00', '40.00', '6.67', 'london'],
        ['MANCHESTER-000001', '15/01/2026', '1', '79.99', '79.99', '13.33', 'manchester'],
      ]);
      const notes = await csvOf(`/api/analytics/accounting/quickbooks.csv?${RANGE}&kind=credit-notes`, admin);
      expect(notes[0]).toEqual(QB_CREDIT_NOTES);
      const n = (name: string) => QB_CREDIT_NOTES.indexOf(name);
      expect(
        notes
          .slice(1)
          .map((r) => [
            r[n('CreditNoteNo')],
            r[n('CreditNoteDate')],
            r[n('ItemAmount')],
            r[n('ItemTaxAmount')],
          ]),
      ).toEqual([['LONDON-000001-CN1', '20/01/2026', '50.00', '8.33']]);
    });

    it("a manager's export holds their shop only", async () => {
      const rows = await csvOf(`/api/analytics/accounting/xero.csv?${RANGE}`, manager);
      const numbers = rows.slice(1).map((r) => r[XERO.indexOf('*InvoiceNumber')]!);
      expect(numbers.length).toBeGreaterThan(0);
      expect(numbers.every((x) => x.startsWith('LONDON-'))).toBe(true);
      const own = await csvOf(`/api/analytics/accounting/quickbooks.csv?${RANGE}&shop=london`, manager);
      expect(own.slice(1).every((r) => r[QB_INVOICES.indexOf('Location')] === 'london')).toBe(true);
    });
  });

  describe('access and bad input', () => {
    const ROUTES = [
      `/api/analytics/export.csv?${RANGE}`,
      `/api/analytics/export.xlsx?${RANGE}`,
      `/api/analytics/export.pdf?${RANGE}`,
      `/api/analytics/accounting/xero.csv?${RANGE}`,
      `/api/analytics/accounting/quickbooks.csv?${RANGE}`,
    ];

    it('refuses the signed out (401), technicians (403), and a manager asking for another shop (403)', async () => {
      for (const path of ROUTES) {
        expect((await get(path)).status, path).toBe(401);
        expect((await get(path, technician)).status, path).toBe(403);
        const other = await get(`${path}&shop=manchester`, manager);
        expect(other.status, path).toBe(403);
        expect(other.headers.get('content-type')).toContain('application/problem+json');
        expect((await get(`${path}&shop=london`, manager)).status, path).toBe(200);
      }
    });

    it('answers bad queries with 422 and the field, never a 500', async () => {
      const cases: Array<[string, string]> = [
        ['/api/analytics/export.csv?metrics=revenueSummary,nope', 'metrics'],
        ['/api/analytics/export.csv?from=2026-02-30', 'from'],
        ['/api/analytics/export.xlsx?to=yesterday', 'to'],
        ['/api/analytics/export.pdf?interval=hour', 'interval'],
        ['/api/analytics/accounting/xero.csv?shop=%00', 'shop'],
        ['/api/analytics/accounting/quickbooks.csv?kind=bills', 'kind'],
        ['/api/analytics/export.csv?from=2026-02-01&to=2026-01-01', 'from'],
        ['/api/analytics/export.csv?from=2020-01-01&to=2026-01-01', 'to'],
      ];
      for (const [path, field] of cases) {
        const res = await get(path, admin);
        expect(res.status, path).toBe(422);
        const body = (await res.json()) as { errors: Array<{ path: string }> };
        expect(
          body.errors.map((e) => e.path),
          path,
        ).toContain(field);
      }
      const unknown = await get('/api/analytics/accounting/xero.csv?shop=nowhere', admin);
      expect(unknown.status).toBe(422);
      expect(((await unknown.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('shop');
    });
  });
});

/** A card or cell as the CSV writes it: money as a decimal of the currency, numbers as they are. */
/** A table cell as the dashboard shows it: an id (a card key, a status...) in its words. */
function shown(metric: string, column: string, v: string | number | null): string | number | null {
  if (typeof v !== 'string') return v;
  for (const key of valueLabelKeys(metric, column, v)) {
    const word = key
      .split('.')
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    if (typeof word === 'string') return word;
  }
  return v;
}
function cellText(v: string | number | null, unit: string): string {
  if (v === null) return '';
  if (typeof v === 'string') return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return numberText(v, unit);
}
function numberText(v: number | null, unit: string): string {
  if (v === null) return '';
  return unit === 'money' ? (v / 100).toFixed(2) : String(v);
}
